using Microsoft.AspNetCore.Http;

namespace Offboarding.Functions.Http;

/// <summary>Turns a Kestrel request into the trigger-neutral request, keeping the body's exact bytes for signature checks.</summary>
internal static class AspNetCoreRequestReader
{
    public static async Task<HttpFunctionRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        var routeValues = request.RouteValues
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);
        var headers = request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);
        return new HttpFunctionRequest(request.Method, request.Path.Value ?? "/", routeValues, query, headers, body);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestBodyLimit.Bytes)
        {
            throw new RequestBodyTooLargeException();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            // Chunked bodies carry no Content-Length, so the limit is also enforced while reading.
            if (buffer.Length + read > RequestBodyLimit.Bytes)
            {
                throw new RequestBodyTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
