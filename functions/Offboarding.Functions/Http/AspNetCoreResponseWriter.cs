using System.Text;
using Microsoft.AspNetCore.Http;

namespace Offboarding.Functions.Http;

/// <summary>Writes a function's response to Kestrel.</summary>
internal static class AspNetCoreResponseWriter
{
    public static async Task WriteAsync(HttpResponse response, HttpFunctionResponse result, CancellationToken cancellationToken)
    {
        response.StatusCode = result.StatusCode;
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        if (result.ContentType is not null)
        {
            response.ContentType = result.ContentType;
        }

        if (result.Body is not null)
        {
            await response.WriteAsync(result.Body, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
    }
}
