namespace Zoho.Crm.Tests.Support;

/// <summary>
/// Lets matching requests reach the real sandbox, which acts on them, then throws the answer away as a dropped
/// connection would. The sandbox's own drop fault aborts before acting, so "Zoho did it but we never heard"
/// is simulated here, on the client's side of the wire.
/// </summary>
public sealed class LoseAnswerHandler(Func<HttpRequestMessage, bool> matches, int times) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _remaining = times;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (matches(request) && Interlocked.Decrement(ref _remaining) >= 0)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely (simulated).");
        }

        return response;
    }
}
