using Offboarding.Storage.Queues;
using Offboarding.Storage.Tables;

namespace Offboarding.Functions.Persistence;

/// <summary>
/// The queues and tables the pipeline uses, created once per process on first use (creating is idempotent,
/// so instances racing to do it is harmless).
/// </summary>
public sealed class PipelineStorage
{
    private readonly Lock _gate = new();
    private Task? _creation;

    public PipelineStorage(QueueClient requests, QueueClient requestsPoison, QueueClient events, TableClient offboardings, TableClient due, TableClient tokens)
    {
        Requests = requests ?? throw new ArgumentNullException(nameof(requests));
        RequestsPoison = requestsPoison ?? throw new ArgumentNullException(nameof(requestsPoison));
        Events = events ?? throw new ArgumentNullException(nameof(events));
        Offboardings = offboardings ?? throw new ArgumentNullException(nameof(offboardings));
        Due = due ?? throw new ArgumentNullException(nameof(due));
        Tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
    }

    public QueueClient Requests { get; }

    public QueueClient RequestsPoison { get; }

    public QueueClient Events { get; }

    public TableClient Offboardings { get; }

    public TableClient Due { get; }

    public TableClient Tokens { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A failed attempt (storage down) is forgotten so the next call tries again.
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAllAsync();
            }

            return _creation.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAllAsync()
    {
        await Task.WhenAll(
            Requests.CreateIfNotExistsAsync(),
            RequestsPoison.CreateIfNotExistsAsync(),
            Events.CreateIfNotExistsAsync(),
            Offboardings.CreateIfNotExistsAsync(),
            Due.CreateIfNotExistsAsync(),
            Tokens.CreateIfNotExistsAsync()).ConfigureAwait(false);
    }
}
