using System.Diagnostics.Metrics;

namespace Offboarding.Functions.Diagnostics;

/// <summary>The app's metrics on meter <see cref="OffboardingTelemetry.Name"/>; the names are what the alert rules query. Counted
/// at transitions the app makes anyway, so no metric costs a storage call.</summary>
public sealed class OffboardingMetrics
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _slotsInUse;
    private readonly UpDownCounter<long> _waiting;
    private readonly Counter<long> _poison;
    private readonly Counter<long> _pollCycles;
    private int _holdOpen = -1;
    private int _creditsExhausted = -1;

    public OffboardingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(OffboardingTelemetry.Name);
        _accepted = meter.CreateCounter<long>("offboarding.accepted", "{offboarding}", "Offboardings the intake accepted (held ones included).");
        _finished = meter.CreateCounter<long>("offboarding.finished", "{offboarding}", "Outcomes announced, by outcome (completed, failed, stalled, cancelled, dry_run).");
        _duration = meter.CreateHistogram<double>("offboarding.duration", "s", "From acceptance (or an operator's retry) to the finished outcome.");
        _slotsInUse = meter.CreateUpDownCounter<long>("zoho.job_slots.in_use", "{slot}", "Zoho transfer-and-delete job slots taken (taken minus freed).");
        _waiting = meter.CreateUpDownCounter<long>("offboarding.transfers.waiting", "{offboarding}", "Transfers waiting for a Zoho job slot (waiter rows added minus removed).");
        _poison = meter.CreateCounter<long>("offboarding.poison_messages", "{message}", "Request messages that reached the poison queue.");
        _pollCycles = meter.CreateCounter<long>("offboarding.poll.cycles", "{cycle}", "Poll cycles run (a heartbeat).");
        meter.CreateObservableGauge("offboarding.hold.open", ObserveHold, "{hold}", "1 while the blast-radius hold is open, as this instance last saw it.");
        meter.CreateObservableGauge("zoho.credits.exhausted", ObserveCredits, "{episode}", "1 while Zoho's API credits are exhausted and the app's Zoho calls wait, as this instance last saw it.");
    }

    public void Accepted() => _accepted.Add(1);

    /// <summary>An outcome was announced; <paramref name="duration"/> when it ends the offboarding.</summary>
    public void Finished(string outcome, TimeSpan? duration)
    {
        _finished.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (duration is { } took && took >= TimeSpan.Zero)
        {
            _duration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void SlotTaken() => _slotsInUse.Add(1);

    public void SlotFreed() => _slotsInUse.Add(-1);

    public void WaiterAdded() => _waiting.Add(1);

    public void WaiterRemoved() => _waiting.Add(-1);

    public void PoisonMessage() => _poison.Add(1);

    public void PollCycle() => _pollCycles.Add(1);

    /// <summary>The hold's state as storage just said it (read or written); the gauge reports the last one.</summary>
    public void HoldSeen(bool open) => Volatile.Write(ref _holdOpen, open ? 1 : 0);

    /// <summary>Whether Zoho's credits are out, as the shared mark just said (read or written); the gauge reports the last one.</summary>
    public void CreditsSeen(bool exhausted) => Volatile.Write(ref _creditsExhausted, exhausted ? 1 : 0);

    private IEnumerable<Measurement<int>> ObserveCredits() =>
        Volatile.Read(ref _creditsExhausted) is var exhausted and >= 0 ? [new Measurement<int>(exhausted)] : [];

    private IEnumerable<Measurement<int>> ObserveHold() =>
        Volatile.Read(ref _holdOpen) is var open and >= 0 ? [new Measurement<int>(open)] : [];
}
