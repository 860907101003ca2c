using Offboarding.Bench.Harness.Load;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Bench.Measurements;

/// <summary>The reported figures, derived from one run's raw observations (the sandbox call log, the events, the sends).</summary>
public sealed class BenchmarkFigures
{
    public const string TransferEndpoint = "transfer_and_delete";
    public const string TokenEndpoint = "token";
    public const string StatusEndpoint = "transfer_and_delete.status";

    private readonly BenchmarkData _data;
    private readonly Dictionary<string, CallLogEntry> _transferByUser;
    private readonly Dictionary<string, JobSnapshot> _jobByUser;
    private readonly Dictionary<string, CollectedEvent> _terminalBySubject;

    public BenchmarkFigures(BenchmarkData data)
    {
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _transferByUser = data.Calls
            .Where(c => c.Endpoint == TransferEndpoint && c.Fault is null && c.Status is >= 200 and < 300 && c.UserId is not null)
            .GroupBy(c => c.UserId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Sequence).First());
        _jobByUser = data.Jobs.GroupBy(j => j.UserId).ToDictionary(g => g.Key, g => g.First());
        _terminalBySubject = data.Events.Where(e => e.IsTerminal).Where(e => e.Subject is not null)
            .GroupBy(e => e.Subject!).ToDictionary(g => g.Key, g => g.OrderBy(e => e.SeenAt).First());

        // Zoho is the limit only while transfers queue up in front of it: more requests waiting than twice the
        // Zoho concurrency. Throughput is judged over that stretch of the burst; without one, arrivals were the limit.
        Stalls = new StorageStalls(data.QueueDepth);
        var backlog = data.QueueDepth.Where(s => s.Depth > 2 * data.Options.ZohoConcurrency).Select(s => s.AnsweredAt).ToList();
        var zohoCalls = data.Calls.Where(c => c.Endpoint != TokenEndpoint).ToList();
        if (backlog.Count > 1)
        {
            ZohoWindowStart = backlog[0];
            ZohoWindow = backlog[^1] - backlog[0];
            Backlogged = true;
        }
        else if (zohoCalls.Count > 0)
        {
            ZohoWindowStart = zohoCalls.Min(Start);
            ZohoWindow = zohoCalls.Max(c => c.Time) - ZohoWindowStart;
        }

        var end = ZohoWindowStart + ZohoWindow;
        var inWindow = zohoCalls.Where(c => Start(c) >= ZohoWindowStart && Start(c) < end).ToList();
        ZohoCallsInWindow = inWindow.Count;
        StallsInWindow = Stalls.Within(ZohoWindowStart, end);
        ZohoCallsOutsideStalls = inWindow.Count(c => !Stalls.Contains(Start(c)));
        ZohoCallMeanMs = inWindow.Count == 0 ? 0 : inWindow.Average(c => c.DurationMs);
        ZohoOccupancy = Occupancy(inWindow, ZohoWindow, data.Options.ZohoConcurrency);
        var (middleStart, middleEnd) = (ZohoWindowStart + EdgeLeftOut, end - EdgeLeftOut);
        ZohoOccupancyInMiddle = Occupancy(inWindow.Where(c => Start(c) >= middleStart && Start(c) < middleEnd), middleEnd - middleStart, data.Options.ZohoConcurrency);
    }

    /// <summary>How much of each end of the window <see cref="ZohoOccupancyInMiddle"/> leaves out: the ramp-up and the drain.</summary>
    public static readonly TimeSpan EdgeLeftOut = TimeSpan.FromSeconds(5);

    /// <summary><see cref="ZohoOccupancy"/> without the window's first and last <see cref="EdgeLeftOut"/>.</summary>
    public double ZohoOccupancyInMiddle { get; }

    /// <summary>How long the window's Zoho calls took in the sandbox, on average (its latency d and its own work).</summary>
    public double ZohoCallMeanMs { get; }

    /// <summary>The share of Zoho's L concurrent calls in use over the window: the calls' time in the sandbox ÷ (L × window).</summary>
    public double ZohoOccupancy { get; }

    private static double Occupancy(IEnumerable<CallLogEntry> calls, TimeSpan window, int limit) =>
        window <= TimeSpan.Zero ? 0 : calls.Sum(c => c.DurationMs) / 1000 / (limit * window.TotalSeconds);

    /// <summary>The most calls/s that calls of the window's mean duration allow at L: L / mean duration.</summary>
    public double ZohoCallsAtMeanDuration => ZohoCallMeanMs <= 0 ? 0 : _data.Options.ZohoConcurrency * 1000 / ZohoCallMeanMs;

    /// <summary>The run these figures are of.</summary>
    public BenchmarkData Data => _data;

    public StorageStalls Stalls { get; }

    /// <summary>The parts of Azurite stalls that fell inside the Zoho window.</summary>
    public IReadOnlyList<Stall> StallsInWindow { get; }

    public TimeSpan StalledInWindow => TimeSpan.FromTicks(StallsInWindow.Sum(s => s.Duration.Ticks));

    public TimeSpan LongestStallInWindow => StallsInWindow.Count == 0 ? TimeSpan.Zero : StallsInWindow.Max(s => s.Duration);

    /// <summary>Zoho calls started in the window but not while Azurite was stalled.</summary>
    public int ZohoCallsOutsideStalls { get; }

    public TimeSpan ZohoWindowOutsideStalls => ZohoWindow - StalledInWindow;

    /// <summary>Zoho calls per second over the window's seconds in which Azurite answered; shown next to, never instead of, the whole-window figure.</summary>
    public double ZohoCallsPerSecondOutsideStalls => ZohoWindowOutsideStalls <= TimeSpan.Zero ? 0 : ZohoCallsOutsideStalls / ZohoWindowOutsideStalls.TotalSeconds;

    public double ZohoRatioOutsideStalls => ZohoCallsPerSecondOutsideStalls / ZohoCallCeiling;

    public DateTimeOffset ZohoWindowStart { get; }

    /// <summary>Whether the requests queue had a backlog (so the Zoho figure measures Zoho, not arrivals).</summary>
    public bool Backlogged { get; }

    public TimeSpan ZohoWindow { get; }

    public int ZohoCallsInWindow { get; }

    public double ZohoCallsPerSecond => ZohoWindow <= TimeSpan.Zero ? 0 : ZohoCallsInWindow / ZohoWindow.TotalSeconds;

    public double ZohoRatio => ZohoCallsPerSecond / ZohoCallCeiling;

    /// <summary>
    /// The Zoho calls/s the run could reach: L/d, unless Zoho's job limit holds offboardings (and so their calls) lower,
    /// at J / job duration offboardings per second times the calls an offboarding made.
    /// </summary>
    public double ZohoCallCeiling => Math.Min(_data.Options.CeilingPerSecond, ZohoJobCallCeiling);

    /// <summary>J / job duration × calls per offboarding: the Zoho calls/s the job limit lets through.</summary>
    public double ZohoJobCallCeiling => _data.Options.JobCeilingPerSecond * ZohoCallsPerOffboarding;

    public ZohoCeilingBound ZohoCeilingBoundBy => _data.Options.CeilingPerSecond <= ZohoJobCallCeiling ? ZohoCeilingBound.Concurrency : ZohoCeilingBound.Jobs;

    /// <summary>Intake req/s against raw Azurite enqueue; null in runs without the storage references.</summary>
    public double? IntakeRatio => _data.References is { } r ? _data.Intake.PerSecond / r.RawEnqueue.PerSecond : null;

    public double? IntakeStorageRatio => _data.References is { } r ? _data.Intake.PerSecond / r.IntakeStorage.PerSecond : null;

    public IReadOnlyList<(double X, double Y)> QueueDepthTimeline() =>
        [.. _data.QueueDepth.Where(s => s.Depth is not null).Select(s => ((s.AnsweredAt - _data.BurstStart).TotalSeconds, (double)s.Depth!.Value))];

    /// <summary>Every Azurite stall of the run as seconds since the burst started, for shading the charts.</summary>
    public IReadOnlyList<(double From, double To)> StallTimeline() =>
        [.. Stalls.All.Select(s => ((s.From - _data.BurstStart).TotalSeconds, (s.To - _data.BurstStart).TotalSeconds))];

    public int TooManyRequests => _data.Calls.Count(c => c.Status == 429);

    /// <summary>transfer_and_delete calls Zoho refused for its concurrent-job limit (the app should have waited instead).</summary>
    public int RefusedTransfers => _data.Calls.Count(c => c.Endpoint == TransferEndpoint && c.Code == "CONCURRENT_JOB_LIMIT_EXCEEDED");

    /// <summary>transfer_and_delete calls Zoho took (a job scheduled).</summary>
    public int AcceptedTransfers => _data.Calls.Count(c => c.Endpoint == TransferEndpoint && c.Fault is null && c.Status is >= 200 and < 300);

    /// <summary>Zoho API calls (token requests aside) per offboarding over the whole run: what the ceiling is counted in.</summary>
    public double ZohoCallsPerOffboarding => PerOffboarding(_data.Calls.Count(c => c.Endpoint != TokenEndpoint));

    /// <summary>Zoho calls of every kind, token requests included, per offboarding over the whole run.</summary>
    public double ZohoCallsOfEveryKindPerOffboarding => PerOffboarding(_data.Calls.Count);

    /// <summary>transfer_and_delete status calls per offboarding: how well the first look is timed to the job's end.</summary>
    public double StatusCallsPerOffboarding => PerOffboarding(_data.Calls.Count(c => c.Endpoint == StatusEndpoint));

    /// <summary>Zoho CRM API credits per offboarding, by <see cref="ZohoCredits"/>' table.</summary>
    public double CreditsPerOffboarding => PerOffboarding(_data.Calls.Sum(c => ZohoCredits.Of(c.Endpoint)));

    /// <summary>Jobs whose end took more than one status call, and those extra calls: where status credits beyond the floor went.</summary>
    public (int Jobs, int ExtraCalls) JobsPolledMoreThanOnce()
    {
        var polls = _data.Calls.Where(c => c.Endpoint == StatusEndpoint && c.JobId is not null).GroupBy(c => c.JobId).Select(g => g.Count()).Where(n => n > 1).ToList();
        return (polls.Count, polls.Sum(n => n - 1));
    }

    /// <summary>Endpoints the run called that the credit table does not list (charged <see cref="ZohoCredits.Unlisted"/>).</summary>
    public IReadOnlyList<string> UnlistedEndpoints => [.. _data.Calls.Select(c => c.Endpoint).Distinct().Where(e => !ZohoCredits.PerCall.ContainsKey(e)).Order(StringComparer.Ordinal)];

    /// <summary>Webhook sent → accepting answer, over the accepted webhooks, in ms.</summary>
    public static Percentiles IntakeLatency(IEnumerable<Submission> submissions) =>
        new(submissions.Where(s => s.OffboardingId is not null).Select(s => s.Latency.TotalMilliseconds));

    /// <summary>The app's process launched → the first burst webhook accepted: a cold start as a sender sees it.</summary>
    public TimeSpan? StartToFirstWebhook =>
        _data.Burst.Where(s => s.OffboardingId is not null).Select(s => (DateTimeOffset?)s.AcceptedAt).Min() is { } first ? first - _data.AppLaunchedAt : null;

    /// <summary>Offboardings sent but never announced finished (not accepted, or no completion or failure event).</summary>
    public int Lost => Offboardings - Finished;

    /// <summary>
    /// Burst offboardings finished per second, from the first transfer call of the burst to its last completion event: with
    /// J slots of one job duration each, N jobs need ceil(N/J) job durations in that span, so J / job duration is its ceiling.
    /// </summary>
    public double BurstOffboardingsPerSecond
    {
        get
        {
            var ids = _data.Burst.Where(s => s.OffboardingId is not null).ToDictionary(s => s.OffboardingId!, s => s.LeaverZohoId);
            var ends = ids.Keys.Where(_terminalBySubject.ContainsKey).Select(id => _terminalBySubject[id].SeenAt).ToList();
            var starts = ids.Values.Where(_transferByUser.ContainsKey).Select(u => Start(_transferByUser[u])).ToList();
            if (ends.Count == 0 || starts.Count == 0)
            {
                return 0;
            }

            var span = ends.Max() - starts.Min();
            return span <= TimeSpan.Zero ? 0 : ends.Count / span.TotalSeconds;
        }
    }

    /// <summary>
    /// Zoho job ended (its due time in the sandbox) → the transfer call that took its place, over the burst, in ms: with J
    /// slots the (k+J)-th job of the burst can start only after the k-th has ended, so the pair is one slot's hand-off
    /// (the status poll that sees the end, the slot freed, the waiter woken, its plan and its call).
    /// </summary>
    public Percentiles SlotHandoff()
    {
        var (ends, starts) = BurstJobEdges();
        var limit = _data.Options.JobLimit;
        return new(Enumerable.Range(0, Math.Max(0, starts.Count - limit)).Select(k => (starts[k + limit] - ends[k]).TotalMilliseconds));
    }

    private (List<DateTimeOffset> Ends, List<DateTimeOffset> Starts) BurstJobEdges()
    {
        var burstUsers = _data.Burst.Select(s => s.LeaverZohoId).ToHashSet();
        var jobs = _data.Jobs.Where(j => burstUsers.Contains(j.UserId)).ToList();
        return ([.. jobs.Select(j => j.DueAt).Order()], [.. jobs.Select(j => j.ScheduledAt).Order()]);
    }

    /// <summary>
    /// The physical limit the burst's throughput is judged against: min(L/d ÷ Zoho calls per offboarding, J / job
    /// duration). L/d counts calls, and an offboarding makes more than one.
    /// </summary>
    public double ThroughputCeiling => Math.Min(_data.Options.CeilingPerSecond / Math.Max(1.0, ZohoCallsPerOffboarding), _data.Options.JobCeilingPerSecond);

    public double ThroughputRatio => BurstOffboardingsPerSecond / ThroughputCeiling;

    public int Offboardings => _data.Burst.Count + _data.Paced.Count;

    public int Finished => _data.Burst.Concat(_data.Paced).Count(s => s.OffboardingId is not null && _terminalBySubject.ContainsKey(s.OffboardingId));

    public int Completed => _data.Burst.Concat(_data.Paced)
        .Count(s => s.OffboardingId is not null && _terminalBySubject.TryGetValue(s.OffboardingId, out var e) && e.Type.EndsWith(".completed", StringComparison.Ordinal));

    /// <summary>Webhook accepted (202 received) → the transfer call arriving at Zoho, in ms.</summary>
    public Percentiles WebhookToTransfer(IEnumerable<Submission> submissions) => new(
        submissions.Where(s => _transferByUser.ContainsKey(s.LeaverZohoId))
            .Select(s => (Start(_transferByUser[s.LeaverZohoId]) - s.AcceptedAt).TotalMilliseconds));

    /// <summary>Zoho job finished (its due time in the sandbox) → the completion event seen on the events queue, in ms.</summary>
    public Percentiles JobToEvent(IEnumerable<Submission> submissions) => new(
        submissions.Where(s => s.OffboardingId is not null && _jobByUser.ContainsKey(s.LeaverZohoId) && _terminalBySubject.ContainsKey(s.OffboardingId))
            .Select(s => (_terminalBySubject[s.OffboardingId!].SeenAt - _jobByUser[s.LeaverZohoId].DueAt).TotalMilliseconds));

    /// <summary>Zoho calls per offboarding, by endpoint (all answers, retries included: the API-credit cost).</summary>
    public IReadOnlyList<(string Endpoint, int Calls, double PerOffboarding)> CallsPerOffboarding() =>
        [.. _data.Calls.GroupBy(c => c.Endpoint).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Count() / (double)Offboardings))];

    /// <summary>Per second since the burst started: webhooks accepted, transfer calls, completion events.</summary>
    public (IReadOnlyList<(double X, double Y)> Intake, IReadOnlyList<(double X, double Y)> Transfers, IReadOnlyList<(double X, double Y)> Completions) Timeline()
    {
        var start = _data.BurstStart;
        var submissions = _data.Burst.Concat(_data.Paced).ToList();
        return (
            PerSecond(submissions.Select(s => s.AcceptedAt), start),
            PerSecond(_transferByUser.Values.Select(Start), start),
            PerSecond(_terminalBySubject.Values.Select(e => e.SeenAt), start));
    }

    private double PerOffboarding(double count) => Offboardings == 0 ? 0 : count / Offboardings;

    // The call log stamps a call when it is answered; its start is that minus its duration.
    private static DateTimeOffset Start(CallLogEntry call) => call.Time - TimeSpan.FromMilliseconds(call.DurationMs);

    private static List<(double X, double Y)> PerSecond(IEnumerable<DateTimeOffset> times, DateTimeOffset start)
    {
        var buckets = times.Select(t => (int)Math.Floor((t - start).TotalSeconds)).Where(s => s >= 0).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        if (buckets.Count == 0)
        {
            return [];
        }

        var last = buckets.Keys.Max();
        return [.. Enumerable.Range(0, last + 1).Select(s => ((double)s, (double)buckets.GetValueOrDefault(s)))];
    }
}
