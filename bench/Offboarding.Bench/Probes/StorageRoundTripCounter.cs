using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Bench.Probes;

/// <summary>
/// Notes every storage request the Azure SDK sends, retries included (added per retry, so each attempt is one
/// round trip to storage), as "METHOD resource" (the table, or the queue and its sub-resource), so a probe can
/// say how many round trips a step costs and to what.
/// </summary>
public sealed class StorageRoundTripCounter : HttpPipelinePolicy
{
    private readonly List<string> _calls = [];

    /// <summary>The round trips noted since the last call, in order; clears them.</summary>
    public IReadOnlyList<string> Take()
    {
        lock (_calls)
        {
            var taken = _calls.ToList();
            _calls.Clear();
            return taken;
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        Note(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        Note(message);
        ProcessNext(message, pipeline);
    }

    private void Note(HttpMessage message)
    {
        lock (_calls)
        {
            _calls.Add($"{message.Request.Method} {Resource(message.Request.Uri.Path)}");
        }
    }

    // Azurite's paths are /account/table(keys) and /account/queue/messages[/id]: keep the table or the queue and
    // "messages", drop the account and the keys, so calls of one kind read alike.
    private static string Resource(string path)
    {
        var segments = path.Trim('/').Split('/').Skip(1).Select(s => s.Split('(')[0]).Take(2);
        return string.Join('/', segments);
    }
}
