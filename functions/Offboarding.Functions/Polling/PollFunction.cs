using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Transfer;
using Zoho.Crm;

namespace Offboarding.Functions.Polling;

/// <summary>
/// Timer: works through the due index. Submitted jobs get a status call (bounded concurrency, per-job
/// back-off, a one-time <c>stalled</c> event past the deadline); transfers whose outcome is unknown get their
/// leaver re-checked; records stuck before the queue (accepted, or claimed by an invocation that died) are
/// queued again; unpublished events are sent. Every write is
/// ETag-guarded, so overlapping cycles or a double-fired timer cannot finish a job twice.
/// </summary>
public sealed partial class PollFunction
{
    private readonly OffboardingRepository _repository;
    private readonly RequestDispatcher _dispatcher;
    private readonly ZohoCrmClient _zoho;
    private readonly EventOutbox _outbox;
    private readonly UnconfirmedTransferVerifier _verifier;
    private readonly JobAdmission _admission;
    private readonly PollOptions _options;
    private readonly TransferOptions _transfer;
    private readonly BackoffSchedule _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger<PollFunction> _logger;

    public PollFunction(
        OffboardingRepository repository,
        RequestDispatcher dispatcher,
        ZohoCrmClient zoho,
        EventOutbox outbox,
        UnconfirmedTransferVerifier verifier,
        JobAdmission admission,
        IOptions<PollOptions> options,
        IOptions<TransferOptions> transfer,
        BackoffSchedule backoff,
        TimeProvider time,
        ILogger<PollFunction> logger)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _zoho = zoho ?? throw new ArgumentNullException(nameof(zoho));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _admission = admission ?? throw new ArgumentNullException(nameof(admission));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _transfer = (transfer ?? throw new ArgumentNullException(nameof(transfer))).Value;
        _backoff = backoff ?? throw new ArgumentNullException(nameof(backoff));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>One cycle; returns how many due entries it handled (for tests and the benchmark).</summary>
    public async Task<int> RunCycleAsync(CancellationToken cancellationToken)
    {
        var due = new List<DueEntry>();
        await foreach (var entry in _repository.DueAsync(_time.GetUtcNow(), _options.MaxDuePerCycle, cancellationToken).ConfigureAwait(false))
        {
            due.Add(entry);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (entry, ct) =>
        {
            try
            {
                await HandleAsync(entry, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One bad entry must not stop the cycle; it stays due and is retried next time.
                LogEntryFailed(_logger, entry.OffboardingId, ex.GetType().Name);
            }
        }).ConfigureAwait(false);

        if (due.Count > 0)
        {
            LogCycle(_logger, due.Count);
        }

        return due.Count;
    }

    private async Task HandleAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginOffboardingScope(entry.OffboardingId);
        var stored = await _repository.GetAsync(entry.OffboardingId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Record.DueKey != entry.Key)
        {
            await _repository.RemoveStaleDueAsync(entry, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (stored.Record.PendingEvents.Count > 0)
        {
            stored = await _outbox.RecoverAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        var record = stored.Record;
        var now = _time.GetUtcNow();
        switch (record.State)
        {
            case OffboardingState.Submitted:
                await PollJobAsync(stored, cancellationToken).ConfigureAwait(false);
                break;
            case OffboardingState.Verifying:
                await _verifier.VerifyAsync(stored, cancellationToken).ConfigureAwait(false);
                break;
            case OffboardingState.Accepted:
            case OffboardingState.Submitting when now - record.SubmittingSince >= _transfer.SubmittingLease:
                await RequeueAsync(stored, now, cancellationToken).ConfigureAwait(false);
                break;
            case OffboardingState.Submitting:
                await _repository.TrySaveAsync(stored, DueAt.At(record.SubmittingSince!.Value + _transfer.SubmittingLease + TimeSpan.FromSeconds(30)), cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Finished with nothing left to announce (the flush above would have cleared it).
                if (record.DueKey is not null && record.PendingEvents.Count == 0)
                {
                    await _repository.TrySaveAsync(stored, DueAt.Nothing, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    // The sweep: a record accepted but never picked up (lost message, or the intake died between store and
    // queue), or claimed by an invocation that died and whose message is gone.
    private async Task RequeueAsync(StoredOffboarding stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = stored.Record;
        record.SweepCount++;
        record.Record(now, "sweep", "requeued", $"still {record.State.ToWireName()} after its due time");
        var saved = await _repository.TrySaveAsync(stored, DueAt.At(now + _options.SweepAfter), cancellationToken).ConfigureAwait(false);
        if (saved is not null)
        {
            await _dispatcher.SendAsync(record.Id, record.EffectiveAt, now, cancellationToken).ConfigureAwait(false);
            LogRequeued(_logger, record.Id);
        }
    }

    private async Task PollJobAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        var record = stored.Record;
        TransferJobStatus? status;
        try
        {
            status = await _zoho.GetTransferAndDeleteStatusAsync(record.ZohoJobId!, cancellationToken).ConfigureAwait(false);
        }
        catch (ZohoJobNotFoundException)
        {
            status = new TransferJobStatus(TransferJobState.Unknown, "not_found");
        }
        catch (ZohoCrmException ex)
        {
            // Transient after the client's retries, or a permanent error (e.g. scope) an operator must fix:
            // either way keep the job on its schedule; the stalled event tells someone if it never resolves.
            LogStatusFailed(_logger, record.Id, ex.Code);
            status = null;
        }

        var now = _time.GetUtcNow();
        record.LastPolledAt = now;
        if (status is not null)
        {
            record.PollCount++;
            if (record.LastJobStatus != status.RawStatus)
            {
                record.Record(now, "poll", status.RawStatus);
            }

            record.LastJobStatus = status.RawStatus;
        }

        DueAt due;
        switch (status?.State)
        {
            case TransferJobState.Completed:
                record.Complete(now, "zoho", $"Zoho job {record.ZohoJobId} completed");
                due = DueAt.At(now + EventOutbox.RetryAfter);
                break;
            case TransferJobState.Failed:
                record.Fail(now, "zoho", RefusalCodes.ZohoJobFailed, status.Reason ?? "Zoho reported the transfer-and-delete job as failed.");
                due = DueAt.At(now + EventOutbox.RetryAfter);
                break;
            default:
                if (record.StalledAt is null && record.SubmittedAt is { } submitted && now - submitted > _options.StalledAfter)
                {
                    record.StalledAt = now;
                    record.Record(now, "stalled", "announced", $"still {record.LastJobStatus ?? "unknown"} after {_options.StalledAfter}; polling continues");
                    record.Announce(OffboardingOutcome.Stalled);
                }

                due = DueAt.At(now + _backoff.DelayFor(record.PollCount));
                break;
        }

        // Null when another cycle got there first; it owns this step (and the slot).
        if (await _outbox.SaveAndPublishAsync(stored, due, cancellationToken).ConfigureAwait(false) is not null && record.State.IsTerminal())
        {
            // The job is over: its Zoho job slot goes to the oldest waiting transfer at once.
            await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll cycle handled {Count} due entries")]
    private static partial void LogCycle(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll: offboarding {OffboardingId} failed this cycle ({Error}); retried next cycle")]
    private static partial void LogEntryFailed(ILogger logger, string offboardingId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll: offboarding {OffboardingId} queued again by the sweep")]
    private static partial void LogRequeued(ILogger logger, string offboardingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll: status of offboarding {OffboardingId} unavailable ({Code})")]
    private static partial void LogStatusFailed(ILogger logger, string offboardingId, string code);
}
