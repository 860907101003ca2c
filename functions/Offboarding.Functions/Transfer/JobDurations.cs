using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Transfer;

/// <summary>How long Zoho's jobs have recently taken, learned from status polls (this instance's, and the others' through
/// <see cref="JobDurationSync"/>), so a job costs about one poll and its slot is free soon after it ends (ADR 003).</summary>
public sealed class JobDurations
{
    /// <summary>Observations kept of each kind: recent enough to follow a change in Zoho's pace.</summary>
    private const int Window = 32;

    /// <summary>An uncertain span at most this share of the bound is probed by one job at a time: aiming the others past the
    /// bound costs them little, where probing it with every job submitted meanwhile cost a call for each that found its job
    /// running (18 of 1,200 offboardings' calls at J=10 with 5 s jobs). A wider span is probed by all, to narrow it quickly.</summary>
    private const double NarrowShare = 0.25;

    private readonly Queue<TimeSpan> _finishedWithin = new();
    private readonly Queue<TimeSpan> _runningAfter = new();
    private readonly Lock _gate = new();
    private LearnedDurations _shared = new([], []);
    private int _version;
    private (TimeSpan Lower, TimeSpan Upper) _probedSpan;
    private DateTimeOffset _probeAnsweredBy = DateTimeOffset.MinValue;

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
                return AimLocked()?.At;
            }
        }
    }

    /// <summary>The first poll of a job submitted at <paramref name="now"/>: <see cref="FirstPoll"/>, except that a narrow span is
    /// probed by one job at a time while the others aim past the bound (a probe that finds the job running costs a call).</summary>
    public TimeSpan? FirstPollAt(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (AimLocked() is not { } aim)
            {
                return null;
            }

            if (!aim.Probes || !aim.Narrow)
            {
                return aim.At;
            }

            if (aim.Span == _probedSpan && now < _probeAnsweredBy)
            {
                return aim.Past;
            }

            // Answered when its outcome moves the span, or, should the outcome never be learned (a late poll, a lost
            // instance), after twice its age: a second probe of the same span only costs another call.
            _probedSpan = aim.Span;
            _probeAnsweredBy = now + aim.At + aim.At;
            return aim.At;
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

    /// <summary>The median recent job (as observed): by then a job scheduled at the same moment has most likely ended; null
    /// when nothing is learned. Not the longest: one poll delayed by a failed call or a moving timer would set that for all.</summary>
    public TimeSpan? Typical
    {
        get
        {
            lock (_gate)
            {
                var finished = Finished();
                finished.Sort();
                return finished.Count == 0 ? null : finished[finished.Count / 2];
            }
        }
    }

    // Callers hold the gate.
    private Aim? AimLocked()
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
            return new Aim(upper, upper, Probes: false, Narrow: false, (upper, upper));
        }

        var lower = below.DefaultIfEmpty(TimeSpan.Zero).Max();
        var tolerance = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, upper.Ticks / 50));

        // Narrowed down: the end lies within the tolerance below the shortest seen finished. Jobs of one length still end a
        // little apart as seen from here (when the submission was answered, when the poll reaches Zoho), and a poll aimed
        // at the bound lands early for about half of them: one more call each. So aim the tolerance past it. Those polls
        // find jobs finished later than the bound; when they raise it beyond the tolerance from the running ones, probing
        // narrows it again.
        var past = upper + tolerance;
        return upper - lower > tolerance
            ? new Aim(lower + ((upper - lower) / 2), past, Probes: true, Narrow: upper - lower <= upper * NarrowShare, (lower, upper))
            : new Aim(past, past, Probes: false, Narrow: false, (lower, upper));
    }

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

    /// <param name="At">The first poll's age.</param>
    /// <param name="Past">Just past the shortest recent job, where a job of the learned length has ended.</param>
    /// <param name="Probes">Whether <paramref name="At"/> probes the uncertain span below the bound.</param>
    /// <param name="Narrow">Whether that span is narrow enough to probe with one job at a time.</param>
    /// <param name="Span">The uncertain span: the longest age seen running below the bound, and the bound.</param>
    private readonly record struct Aim(TimeSpan At, TimeSpan Past, bool Probes, bool Narrow, (TimeSpan Lower, TimeSpan Upper) Span);
}
