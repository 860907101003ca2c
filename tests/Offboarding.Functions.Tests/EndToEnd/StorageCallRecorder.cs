using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Sits in every storage client of a <see cref="PipelineHarness"/> (per call, above the SDK's retries): records each
/// storage operation the pipeline makes, and can fail chosen ones as an unreachable storage account would, before they
/// reach Azurite.
/// </summary>
public sealed class StorageCallRecorder : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _calls = new();
    private Func<string, bool>? _fail;

    /// <summary>The operations since the last <see cref="Clear"/>, as "METHOD /path" (account and query left out).</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public void Clear() => _calls.Clear();

    /// <summary>Fails every later call whose "METHOD /path" matches, with a 503, until <see cref="StopFailing"/>.</summary>
    public void Fail(Func<string, bool> which) => _fail = which;

    public void StopFailing() => _fail = null;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFailing(Record(message));
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFailing(Record(message));
        ProcessNext(message, pipeline);
    }

    private string Record(HttpMessage message)
    {
        // Azurite's paths start with the account name: /devstoreaccount1/offboardings(...).
        var path = message.Request.Uri.Path;
        var afterAccount = path.IndexOf('/', 1);
        var call = $"{message.Request.Method} {(afterAccount > 0 ? path[afterAccount..] : path)}";
        _calls.Enqueue(call);
        return call;
    }

    private void ThrowIfFailing(string call)
    {
        if (_fail is { } fail && fail(call))
        {
            throw new RequestFailedException(503, $"Injected storage failure for {call}.");
        }
    }
}
