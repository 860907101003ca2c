namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Fault injection, not a fake: the real request reaches the real sandbox, and once Zoho has answered the
/// transfer-and-delete call this handler "kills the process" by throwing something nothing handles, so the
/// state write after the call never happens, as in a crash.
/// </summary>
public sealed class CrashAfterZohoAnswersHandler : DelegatingHandler
{
    public bool Armed { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (Armed && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/actions/transfer_and_delete", StringComparison.Ordinal))
        {
            Armed = false;
            throw new SimulatedCrashException();
        }

        return response;
    }
}
