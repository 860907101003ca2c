namespace Offboarding.Functions.Configuration;

/// <summary>Settings of the poll function (section <c>Poll</c>).</summary>
public sealed class PollOptions
{
    /// <summary>Delays between status polls of one job, comma-separated TimeSpans; the last repeats.</summary>
    public string Backoff { get; set; } = "00:00:30,00:01:00,00:02:00,00:05:00,00:10:00";

    /// <summary>A job still running this long after submission is announced as stalled (once) and still polled.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Status calls in flight at once; keep at or below the Zoho client's concurrency limit.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Due entries read per cycle; the rest wait for the next cycle.</summary>
    public int MaxDuePerCycle { get; set; } = 500;

    /// <summary>An accepted record not picked up this long after it was due is queued again.</summary>
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(10);
}
