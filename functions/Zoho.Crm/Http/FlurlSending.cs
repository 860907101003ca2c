using System.Runtime.ExceptionServices;
using Flurl.Http;

namespace Zoho.Crm;

/// <summary>Sends a Flurl request and surfaces transport failures as the exceptions HttpClient raised.</summary>
internal static class FlurlSending
{
    /// <summary>
    /// Flurl wraps every failure in a <see cref="FlurlHttpException"/>; the client tells a timeout, a refused
    /// connection and a dropped one apart (only the first two prove nothing reached Zoho), so it reads the original.
    /// </summary>
    public static async Task<IFlurlResponse> SendUnwrappedAsync(this IFlurlRequest request, HttpMethod method, HttpContent? content,
        CancellationToken cancellationToken)
    {
        try
        {
            return await request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (FlurlHttpException ex) when (ex.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }
}
