using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>How long Zoho's jobs have recently taken, learned from status polls (this instance's, and the others' through
/// <see cref="JobDurationSync"/>), so a job costs about one poll and its slot is free soon after it ends (ADR 003).</summary>
public sealed class JobDurations
{
    /// <summary>Observations kept of each kind: recent enough to follow a change in Zoho's pace.</summary>
    private const int Window = 32;

    private readonly Queue<TimeSpan> _finishedWithin = new();
    private readonly Queue<TimeSpan> _runningAfter = new();
    private readonly Lock _gate = new();
    private LearnedDurations _shared = new([], []);
    private int _version;

    /// <summary>Changes with every observation of this instance, so a sync saves only what is new.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>This instance's own recent observations.</summary>
    public LearnedDurations Own()
    {
        lock (_gate)
        {
            return new LearnedDurations([.. _finishedWithin], [.. _runningAfter]);
        }
    }

    /// <summary>What the other instances learned; used beside this instance's own observations.</summary>
    public void UseShared(IEnumerable<LearnedDurations> others)
    {
        var all = others.ToList();
        var shared = new LearnedDurations([.. all.SelectMany(o => o.Finished)], [.. all.SelectMany(o => o.Running)]);
        lock (_gate)
        {
            _shared = shared;
        }
    }

    /// <summary>A poll <paramref name="elapsed"/> after submission found the job finished (completed or failed).</summary>
    public void Finished(TimeSpan elapsed) => Add(_finishedWithin, elapsed);

    /// <summary>A poll <paramref name="elapsed"/> after submission found the job still scheduled or running.</summary>
    public void Running(TimeSpan elapsed) => Add(_runningAfter, elapsed);

    /// <summary>When to poll a new job first (after submission), null when nothing is learned: just past the shortest recent
    /// job, or halfway into the uncertain span so the estimate narrows with each job (docs/adr/003-job-slot-admission.md).</summary>
    public TimeSpan? FirstPoll
    {
        get
        {
            lock (_gate)
            {
                var finished = Finished();
                if (finished.Count == 0)
                {
                    return null;
                }

                var upper = finished.Min();
                var running = Running();
                var below = running.Where(t => t < upper).ToList();
                if (below.Count == 0 && running.Count > 0)
                {
                    // Jobs vary: some ran longer than the shortest took. No probing below it.
                    return upper;
                }

                var lower = below.DefaultIfEmpty(TimeSpan.Zero).Max();
                var tolerance = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, upper.Ticks / 50));

                // Narrowed down: the end lies within the tolerance below the shortest seen finished. Jobs of one length
                // still end a little apart as seen from here (when the submission was answered, when the poll reaches
                // Zoho), and a poll aimed at the bound lands early for about half of them: one more call each. So aim
                // the tolerance past it. Those polls find jobs finished later than the bound; when they raise it beyond
                // the tolerance from the running ones, probing narrows it again.
                return upper - lower > tolerance ? lower + ((upper - lower) / 2) : upper + tolerance;
            }
        }
    }

    /// <summary>The shortest recent job's upper bound: a job still running at this age polls again at its own back-off.</summary>
    public TimeSpan? Shortest
    {
        get
        {
            lock (_gate)
            {
                var finished = Finished();
                return finished.Count == 0 ? null : finished.Min();
            }
        }
    }

    /// <summary>The longest recent job (as observed, so an upper bound); null when nothing is learned.</summary>
    public TimeSpan? Longest
    {
        get
        {
            lock (_gate)
            {
                var finished = Finished();
                return finished.Count == 0 ? null : finished.Max();
            }
        }
    }

    // Callers hold the gate.
    private List<TimeSpan> Finished() => [.. _finishedWithin, .. _shared.Finished];

    private List<TimeSpan> Running() => [.. _runningAfter, .. _shared.Running];

    private void Add(Queue<TimeSpan> observations, TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            observations.Enqueue(elapsed);
            _version++;
            while (observations.Count > Window)
            {
                observations.Dequeue();
            }
        }
    }
}
