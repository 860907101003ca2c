using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Bench.Harness.Stack;

/// <summary>
/// A policy for every storage client of an in-process pipeline: notes each storage request as "METHOD /resource" (the
/// table, or the queue and "messages"; account, keys and message ids left out, so calls of one kind read alike), and
/// can fail chosen ones with a 503 before they leave, as an unreachable storage account would. Added per call it sees
/// operations; added per retry, round trips.
/// </summary>
public sealed class StorageCallLog : HttpPipelinePolicy
{
    private readonly List<string> _calls = [];
    private Func<string, bool>? _fail;

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

    public void StopFailing() => _fail = null;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Note(message);
        ProcessNext(message, pipeline);
    }

    private void Note(HttpMessage message)
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
    }

    // Azurite's paths are /account/table(keys) and /account/queue/messages[/id].
    private static string Resource(string path) =>
        string.Join('/', path.Trim('/').Split('/').Skip(1).Select(s => s.Split('(')[0]).Take(2));
}
