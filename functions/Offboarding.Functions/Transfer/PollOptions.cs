namespace Offboarding.Functions.Transfer;

/// <summary>Settings of the poll function (section <c>Poll</c>).</summary>
public sealed class PollOptions
{
    /// <summary>Delays between status polls of one job, comma-separated TimeSpans; the last repeats.</summary>
    public string Backoff { get; set; } = "00:00:30,00:01:00,00:02:00,00:05:00,00:10:00";

    /// <summary>A job still running this long after submission is announced as stalled (once) and still polled.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Due entries worked on at once: above the Zoho client's own limit, since an entry is mostly storage calls and a
    /// cycle at 4 fell behind in a burst (docs/adr/003-job-slot-admission.md).</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Due entries read per cycle; the rest wait for the next cycle.</summary>
    public int MaxDuePerCycle { get; set; } = 500;

    /// <summary>An accepted record not picked up this long after it was due is queued again.</summary>
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(10);
}
