using Microsoft.Extensions.Options;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Operators;

/// <summary>
/// What operators do with held offboardings: release them (queued, effective times honoured) or reject them
/// (cancelled), all or the listed ones. When none is left held, the hold closes and its counter starts again.
/// </summary>
public sealed class HoldDesk(
    OffboardingRepository repository,
    RequestDispatcher dispatcher,
    EventOutbox outbox,
    BlastRadiusHold hold,
    IOptions<PollOptions> poll,
    TimeProvider time)
{
    private const int MaxConflicts = 5;
    private const int PageSize = 200;

    public Task<HoldActionResult> ApproveAsync(IReadOnlyList<string>? ids, OperatorIdentity caller, CancellationToken cancellationToken) =>
        ActAsync(ids, async stored =>
        {
            var record = stored.Record;
            var now = time.GetUtcNow();
            record.ReleaseFromHold(new OperatorAction(now, caller.Name, "released from the blast-radius hold"));
            var notBefore = record.EffectiveAt > now ? record.EffectiveAt : now;
            if (await outbox.SaveAndPublishAsync(stored, DueAt.At(notBefore + poll.Value.SweepAfter), cancellationToken).ConfigureAwait(false) is null)
            {
                return false;
            }

            // Saved first, then queued: if the queue call fails, the sweep queues it when it falls due.
            await dispatcher.SendAsync(record, now, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<HoldActionResult> RejectAsync(IReadOnlyList<string>? ids, OperatorIdentity caller, string reason, CancellationToken cancellationToken) =>
        ActAsync(ids, async stored =>
        {
            var now = time.GetUtcNow();
            stored.Record.Cancel(new OperatorAction(now, caller.Name, $"rejected at the blast-radius hold: {reason}"));
            return await outbox.SaveAndPublishAsync(stored, DueAt.At(now + EventOutbox.RetryAfter), cancellationToken).ConfigureAwait(false) is not null;
        }, cancellationToken);

    /// <summary>Every held offboarding's id, newest first.</summary>
    public async Task<IReadOnlyList<string>> HeldIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        ListCursor? after = null;
        do
        {
            var (items, next) = await repository.QueryAsync(new OffboardingQuery { State = OffboardingState.Held, PageSize = PageSize, After = after }, cancellationToken).ConfigureAwait(false);
            ids.AddRange(items.Select(r => r.Id));
            after = next;
        }
        while (after is not null);

        return ids;
    }

    private async Task<HoldActionResult> ActAsync(IReadOnlyList<string>? ids, Func<StoredOffboarding, Task<bool>> act, CancellationToken cancellationToken)
    {
        var targets = ids ?? await HeldIdsAsync(cancellationToken).ConfigureAwait(false);
        var done = new List<string>();
        var skipped = new List<SkippedOffboarding>();
        foreach (var id in targets.Distinct(StringComparer.Ordinal))
        {
            if (await ActOnOneAsync(id, act, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                skipped.Add(new SkippedOffboarding(id, reason));
            }
            else
            {
                done.Add(id);
            }
        }

        var (stillHeld, _) = await repository.QueryAsync(new OffboardingQuery { State = OffboardingState.Held, PageSize = 1 }, cancellationToken).ConfigureAwait(false);
        if (stillHeld.Count == 0)
        {
            await hold.CloseAsync(cancellationToken).ConfigureAwait(false);
        }

        return new HoldActionResult(done, skipped);
    }

    // Null when done; otherwise why this one was left alone.
    private async Task<string?> ActOnOneAsync(string id, Func<StoredOffboarding, Task<bool>> act, CancellationToken cancellationToken)
    {
        if (!OffboardingId.IsWellFormed(id))
        {
            return "not an offboarding id";
        }

        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var stored = await repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return "no such offboarding";
            }

            if (stored.Record.State != OffboardingState.Held)
            {
                return $"it is {stored.Record.State.ToWireName()}, not held";
            }

            if (await act(stored).ConfigureAwait(false))
            {
                return null;
            }
        }

        return "it kept changing; try again";
    }
}

public sealed record SkippedOffboarding(string Id, string Reason);

public sealed record HoldActionResult(IReadOnlyList<string> Done, IReadOnlyList<SkippedOffboarding> Skipped);
