using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Creates the queues and tables at start-up, the one place they are created. Start-up waits up to <see cref="FirstAttemptPatience"/>;
/// if storage is unreachable the app starts anyway (intake 503, health says why) and keeps trying in the background.
/// </summary>
public sealed partial class StorageProvisioner(PipelineStorage storage, ILogger<StorageProvisioner> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan FirstAttemptPatience = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(FirstAttemptPatience);
        if (!await TryCreateAsync(patience.Token).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _retrying.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromSeconds(1);
        try
        {
            do
            {
                await Task.Delay(delay, stopping).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            while (!await TryCreateAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>True when there is nothing more to do: created, or not ours to create.</summary>
    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.CreateAsync(cancellationToken).ConfigureAwait(false);
            LogCreated(logger);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            LogNotAllowed(logger, ex.ErrorCode);
            return true;
        }
        catch (RequestFailedException ex)
        {
            LogUnreachable(logger, ex.Status, ex.ErrorCode);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            // Out of patience at start-up: the background retries take over.
            LogUnreachable(logger, 0, "no answer in time");
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage queues and tables are in place")]
    private static partial void LogCreated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not allowed to create the storage queues and tables ({ErrorCode}); they must exist already (infra/main.bicep creates them)")]
    private static partial void LogNotAllowed(ILogger logger, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the storage queues and tables (status {Status}, {ErrorCode}); retrying in the background")]
    private static partial void LogUnreachable(ILogger logger, int status, string? errorCode);
}
