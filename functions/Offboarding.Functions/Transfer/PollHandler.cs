using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Transfer;

/// <summary>
/// Timer: works through the due index. Submitted jobs get a status call (bounded concurrency, per-job
/// back-off, a one-time <c>stalled</c> event past the deadline); transfers whose outcome is unknown get their
/// leaver re-checked; records stuck before the queue (accepted, or claimed by an invocation that died) are
/// queued again; unpublished events are sent. Every write is
/// ETag-guarded, so overlapping cycles or a double-fired timer cannot finish a job twice.
/// </summary>
public sealed partial class PollHandler
{
    private readonly OffboardingRepository _repository;
    private readonly RequestDispatcher _dispatcher;
    private readonly ZohoCrmClient _zoho;
    private readonly EventOutbox _outbox;
    private readonly UnconfirmedTransferVerifier _verifier;
    private readonly JobAdmission _admission;
    private readonly JobDurations _durations;
    private readonly PollOptions _options;
    private readonly TransferOptions _transfer;
    private readonly BackoffSchedule _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger<PollHandler> _logger;

    public PollHandler(
        OffboardingRepository repository,
        RequestDispatcher dispatcher,
        ZohoCrmClient zoho,
        EventOutbox outbox,
        UnconfirmedTransferVerifier verifier,
        JobAdmission admission,
        JobDurations durations,
        IOptions<PollOptions> options,
        IOptions<TransferOptions> transfer,
        BackoffSchedule backoff,
        TimeProvider time,
        ILogger<PollHandler> logger)
    {
        _repository = repository ?? throw new ArgumentNullException(nameof(repository));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _zoho = zoho ?? throw new ArgumentNullException(nameof(zoho));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _admission = admission ?? throw new ArgumentNullException(nameof(admission));
        _durations = durations ?? throw new ArgumentNullException(nameof(durations));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _transfer = (transfer ?? throw new ArgumentNullException(nameof(transfer))).Value;
        _backoff = backoff ?? throw new ArgumentNullException(nameof(backoff));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// One cycle; returns how many due entries it handled (for tests and the benchmark). With <paramref name="nextCycle"/>
    /// (the timer's next occurrence), entries due before it (at most <see cref="MaxLookAhead"/> ahead) are handled by this
    /// cycle at their due time rather than by the next one up to a schedule interval late: a job's status is asked for
    /// when it is expected to end, so its Zoho job slot goes to the next transfer within well under a second.
    /// </summary>
    public async Task<int> RunCycleAsync(CancellationToken cancellationToken, DateTimeOffset? nextCycle = null)
    {
        var start = _time.GetUtcNow();
        var until = nextCycle is { } next && next > start ? (next - start < MaxLookAhead ? next : start + MaxLookAhead) : start;
        var due = new List<DueEntry>();
        await foreach (var entry in _repository.DueAsync(until, _options.MaxDuePerCycle, cancellationToken).ConfigureAwait(false))
        {
            due.Add(entry);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (entry, ct) =>
        {
            try
            {
                // Entries come oldest first, so a worker waiting here holds back nothing that is due earlier. A job polled
                // again before the next cycle (it was still running when expected to end) is polled again by this one.
                for (var current = entry; current is not null;)
                {
                    // A timer may fire a little before the wall clock reaches its time (the two clocks differ): wait
                    // again until it has, so a job is never asked about before it is due.
                    for (var wait = DueIndex.DueTimeOf(current.Key) - _time.GetUtcNow(); wait > TimeSpan.Zero; wait = DueIndex.DueTimeOf(current.Key) - _time.GetUtcNow())
                    {
                        await Task.Delay(wait, _time, ct).ConfigureAwait(false);
                    }

                    var next = await HandleAsync(current, ct).ConfigureAwait(false);
                    current = next is not null && DueIndex.DueTimeOf(next) <= until ? new DueEntry(next, current.OffboardingId) : null;
                }
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

    /// <summary>Status polls of one job, counting the first, after which a job still running is polled on the back-off only.</summary>
    private const int QuickPolls = 3;

    private static readonly TimeSpan MinQuickStep = TimeSpan.FromMilliseconds(100);

    /// <summary>How far ahead of its start one cycle takes due entries (it lasts at least that long when it finds one).</summary>
    public static readonly TimeSpan MaxLookAhead = TimeSpan.FromSeconds(10);

    /// <summary>Handles one due entry; returns the record's new due key when it is a job still running, else null.</summary>
    private async Task<string?> HandleAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginOffboardingScope(entry.OffboardingId);
        var stored = await _repository.GetAsync(entry.OffboardingId, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.Record.DueKey != entry.Key)
        {
            await _repository.RemoveStaleDueAsync(entry, cancellationToken).ConfigureAwait(false);
            return null;
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
                return await PollJobAsync(stored, cancellationToken).ConfigureAwait(false);
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
            case var state when state.IsTerminal() && record.PendingEvents.Count > 0 && record.EventClaim is { } claim && now - claim.At < EventOutbox.ClaimLease:
                // Finished, and its events still claimed by a publisher (one that died after the decision: a finished job's
                // decision keeps the row that was due for its poll): look again once the claim has lapsed, not every cycle.
                await _repository.TrySaveAsync(stored, DueAt.At(claim.At + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Finished with nothing left to announce (the flush above would have cleared it).
                if (record.DueKey is not null && record.PendingEvents.Count == 0)
                {
                    await _repository.TrySaveAsync(stored, DueAt.Nothing, cancellationToken).ConfigureAwait(false);
                }

                break;
        }

        return null;
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

    /// <summary>Asks Zoho for the job's status; returns the record's new due key while the job runs on, else null.</summary>
    private async Task<string?> PollJobAsync(StoredOffboarding stored, CancellationToken cancellationToken)
    {
        var record = stored.Record;
        var asked = _time.GetUtcNow();
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
        var age = record.SubmittedAt is { } submittedAt ? asked - submittedAt : (TimeSpan?)null;
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
            // Finished: the row that was due for this poll stays until the outcome is published (which removes it), rather
            // than a new one for the publisher's recovery: two storage calls fewer per job. Should the publisher die, the
            // next cycle finds the row due and reschedules it for when the publisher's claim lapses.
            case TransferJobState.Completed:
                record.Complete(now, "zoho", $"Zoho job {record.ZohoJobId} completed");
                due = DueAt.Keep;
                break;
            case TransferJobState.Failed:
                record.Fail(now, "zoho", RefusalCodes.ZohoJobFailed, status.Reason ?? "Zoho reported the transfer-and-delete job as failed.");
                due = DueAt.Keep;
                break;
            default:
                if (record.StalledAt is null && record.SubmittedAt is { } submitted && now - submitted > _options.StalledAfter)
                {
                    record.StalledAt = now;
                    record.Record(now, "stalled", "announced", $"still {record.LastJobStatus ?? "unknown"} after {_options.StalledAfter}; polling continues");
                    record.Announce(OffboardingOutcome.Stalled);
                }

                due = DueAt.At(NextPoll(record, status, age, now));
                break;
        }

        if (record.State.IsTerminal())
        {
            if (age is { } took && status is not null)
            {
                _durations.Finished(took);
            }

            // Zoho says the job is over, so it no longer counts against Zoho's job limit: its slot goes to the oldest
            // waiting transfer at once, before the record is written (a crash in between only leaves the record to be
            // polled again; the slot is already free). Releasing twice (another cycle got here too) frees nothing twice.
            await _admission.ReleaseAsync(record, wake: true, cancellationToken).ConfigureAwait(false);
        }

        // Null when another cycle got there first; it owns this step.
        var saved = await _outbox.SaveAndPublishAsync(stored, due, cancellationToken).ConfigureAwait(false);
        return saved is { Record.State: OffboardingState.Submitted } ? saved.Record.DueKey : null;
    }

    /// <summary>
    /// A job still running: polled again when recent jobs suggest it ends (a job younger than the shortest recent one),
    /// else on the back-off schedule.
    /// </summary>
    private DateTimeOffset NextPoll(OffboardingRecord record, TransferJobStatus? status, TimeSpan? age, DateTimeOffset now)
    {
        if (status is { State: TransferJobState.Scheduled or TransferJobState.InProgress } && age is { } running)
        {
            _durations.Running(running);
            if (_durations.Shortest is { } shortest && record.SubmittedAt is { } submitted)
            {
                if (running < shortest)
                {
                    return submitted + shortest;
                }

                if (record.PollCount < QuickPolls)
                {
                    // About as long as the shortest recent job: it ends any moment, so look again shortly rather than
                    // at the back-off (a few times only: a job far longer than recent ones goes on at the back-off).
                    var step = TimeSpan.FromTicks(Math.Max(MinQuickStep.Ticks, shortest.Ticks / 50));
                    return now + step;
                }
            }
        }

        return now + _backoff.DelayFor(record.PollCount);
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
