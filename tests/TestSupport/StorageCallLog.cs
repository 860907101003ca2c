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

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var call = Note(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        FailIfAsked(call);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var call = Note(message);
        ProcessNext(message, pipeline);
        FailIfAsked(call);
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
