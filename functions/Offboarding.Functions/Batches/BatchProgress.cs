using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary>How far a batch is: its people by state (waiting in the batch, skipped, or their offboarding's state), done of
/// total, failed, and an ETA from the pace measured since the first start (the estimate until something finished).</summary>
public sealed record BatchProgress(
    IReadOnlyDictionary<string, int> Counts,
    int Total,
    int Done,
    int Completed,
    int Failed,
    int Waiting,
    double? PacePerMinute,
    double? EtaSeconds)
{
    public static async Task<(BatchProgress Progress, IReadOnlyDictionary<string, OffboardingState> States)> ReadAsync(
        BatchRecord batch, IReadOnlyList<BatchMember> members, OffboardingStore offboardings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        var states = await StatesAsync(batch, offboardings, cancellationToken).ConfigureAwait(false);
        return (From(batch, members, states, now), states);
    }

    /// <summary>The progress from the people's statuses alone (<see cref="BatchStore.MemberProgressAsync"/>): what a view
    /// without the people needs, without reading each person's document.</summary>
    public static async Task<BatchProgress> ReadAsync(BatchRecord batch, IReadOnlyList<MemberProgress> members, OffboardingStore offboardings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var states = await StatesAsync(batch, offboardings, cancellationToken).ConfigureAwait(false);
        return From(batch, members, states, now);
    }

    public static BatchProgress From(BatchRecord batch, IReadOnlyList<BatchMember> members, IReadOnlyDictionary<string, OffboardingState> states, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(members);
        return From(batch, [.. members.Select(m => m.Progress)], states, now);
    }

    public static BatchProgress From(BatchRecord batch, IReadOnlyList<MemberProgress> members, IReadOnlyDictionary<string, OffboardingState> states, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(states);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var key = StateOf(member, states);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        // Only people the plan found a problem with are skipped: everyone else is runnable.
        var runnable = members.Count(m => m.Status != MemberStatus.Skipped);
        var ended = members.Where(m => m.Status == MemberStatus.Started && states.TryGetValue(m.OffboardingId, out var s) && s.IsTerminal()).ToList();
        var completed = ended.Count(m => states[m.OffboardingId] == OffboardingState.Completed);
        var failed = ended.Count(m => states[m.OffboardingId] == OffboardingState.Failed);
        var notStarted = members.Count(m => m.Status == MemberStatus.Cancelled);
        var done = ended.Count + notStarted;
        var waiting = members.Count(m => m.Status == MemberStatus.Waiting);
        double? pace = null;
        double? eta = null;
        if (batch.StartedAt is { } started && ended.Count > 0 && now > started)
        {
            pace = ended.Count / (now - started).TotalMinutes;
            eta = (runnable - done) / pace * 60;
        }
        else if (batch.Estimate is { } estimate && batch.State is BatchState.AwaitingApproval or BatchState.Running or BatchState.Paused)
        {
            eta = Math.Max(0, estimate.DurationSeconds - (batch.StartedAt is { } at ? (now - at).TotalSeconds : 0));
        }

        return new BatchProgress(counts, runnable, done, completed, failed, waiting, pace, batch.IsLive ? eta : 0);
    }

    /// <summary>A person's state in one word: their offboarding's once started, else where the batch has them.</summary>
    public static string StateOf(BatchMember member, IReadOnlyDictionary<string, OffboardingState> states)
    {
        ArgumentNullException.ThrowIfNull(member);
        return StateOf(member.Progress, states);
    }

    private static string StateOf(MemberProgress member, IReadOnlyDictionary<string, OffboardingState> states) => member.Status switch
    {
        MemberStatus.Started => states.TryGetValue(member.OffboardingId, out var state) ? state.ToWireName() : "starting",
        MemberStatus.Skipped => "skipped",
        MemberStatus.Cancelled => "not_started",
        _ => "waiting",
    };

    private static async Task<IReadOnlyDictionary<string, OffboardingState>> StatesAsync(BatchRecord batch, OffboardingStore offboardings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(offboardings);
        var states = new Dictionary<string, OffboardingState>(StringComparer.Ordinal);
        await foreach (var (id, state) in offboardings.StatesBySourceEventPrefixAsync(BatchUploadReader.Source, batch.Id + ".", cancellationToken).ConfigureAwait(false))
        {
            states[id] = state;
        }

        return states;
    }
}

/// <summary>What the progress needs of one person: where the batch has them, and the offboarding they have once started.</summary>
public readonly record struct MemberProgress(MemberStatus Status, string OffboardingId);
