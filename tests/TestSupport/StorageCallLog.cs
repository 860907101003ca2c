using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TestSupport;

/// <summary>
/// A policy for every storage client of an in-process pipeline: notes each storage request as "METHOD /resource" (the
/// table, or the queue and "messages"; account, keys and message ids left out, so calls of one kind read alike), and
/// can fail chosen ones with a 503 before they leave, as an unreachable storage account would. Added per call it sees
/// operations; added per retry, round trips. Can also fail a call after it reached storage, as a lost answer looks.
/// </summary>
public sealed class StorageCallLog : HttpPipelinePolicy
{
    private readonly List<string> _calls = [];
    private Func<string, bool>? _fail;
    private (Func<string, bool> Which, int Status)? _failAfter;
    private (Func<string, bool> Which, CallHold Hold)? _hold;

    /// <summary>The calls noted since the last <see cref="Clear"/> or <see cref="Take"/>, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Clear() => Take();

    /// <summary>The calls noted since the last call, in order; clears them.</summary>
    public IReadOnlyList<string> Take()
    {
        lock (_calls)
        {
            var taken = _calls.ToList();
            _calls.Clear();
            return taken;
        }
    }

    /// <summary>Fails every later call whose description matches, with a 503, until <see cref="StopFailing"/>.</summary>
    public void Fail(Func<string, bool> which) => _fail = which;

    /// <summary>
    /// Lets every later call whose description matches reach storage, then fails it with <paramref name="status"/>, until
    /// <see cref="StopFailing"/>: a write that landed and whose answer was lost, as the caller then sees it (the SDK's
    /// retry of a conditional write meets its own new ETag: 412).
    /// </summary>
    public void FailAfterSending(Func<string, bool> which, int status) => _failAfter = (which, status);

    public void StopFailing() => (_fail, _failAfter) = (null, null);

    /// <summary>Stops the next call whose description matches before it leaves, until the hold is released: a process paused at
    /// a chosen point of its work, so a test can make a race happen in one order.</summary>
    public CallHold HoldNext(Func<string, bool> which)
    {
        var hold = new CallHold();
        _hold = (which, hold);
        return hold;
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var call = Note(message);
        if (TakeHold(call) is { } hold)
        {
            await hold.PauseAsync().ConfigureAwait(false);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        FailIfAsked(call);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var call = Note(message);
        TakeHold(call)?.PauseAsync().GetAwaiter().GetResult();
        ProcessNext(message, pipeline);
        FailIfAsked(call);
    }

    private CallHold? TakeHold(string call)
    {
        lock (_calls)
        {
            if (_hold is not { } hold || !hold.Which(call))
            {
                return null;
            }

            _hold = null;
            return hold.Hold;
        }
    }

    private void FailIfAsked(string call)
    {
        if (_failAfter is { } failAfter && failAfter.Which(call))
        {
            throw new RequestFailedException(failAfter.Status, $"Injected failure for {call} after it reached storage.");
        }
    }

    private string Note(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var call = $"{message.Request.Method} /{Resource(message.Request.Uri.Path)}";
        lock (_calls)
        {
            _calls.Add(call);
        }

        if (_fail is { } fail && fail(call))
        {
            throw new RequestFailedException(503, $"Injected storage failure for {call}.");
        }

        return call;
    }

    // Azurite's paths are /account/table(keys) and /account/queue/messages[/id].
    private static string Resource(string path) =>
        string.Join('/', path.Trim('/').Split('/').Skip(1).Select(s => s.Split('(')[0]).Take(2));
}

/// <summary>One storage call stopped by <see cref="StorageCallLog.HoldNext"/>: <see cref="Reached"/> completes when it is
/// stopped, and it goes on once <see cref="Release"/> is called.</summary>
public sealed class CallHold
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    internal Task PauseAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }
}
