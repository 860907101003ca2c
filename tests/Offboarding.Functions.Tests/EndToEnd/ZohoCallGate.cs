namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Holds one real Zoho call at the door: once armed for a route, the next request to it signals <see cref="Reached"/>
/// and waits for <see cref="Release"/> before it goes on to the sandbox, so a test can act while a transfer is in flight.
/// </summary>
public sealed class ZohoCallGate : DelegatingHandler
{
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _route;

    public Task Reached => _reached.Task;

    public void Arm(string routeSuffix)
    {
        _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _route = routeSuffix;
    }

    public void Release() => _release.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = _route;
        if (route is not null && request.RequestUri!.AbsolutePath.EndsWith(route, StringComparison.Ordinal) && Interlocked.CompareExchange(ref _route, null, route) == route)
        {
            _reached.TrySetResult();
            await _release.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
