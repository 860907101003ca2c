namespace Offboarding.Bench.Measurements;

/// <summary>Which of the two limits bounds the Zoho calls/s a run can reach.</summary>
public enum ZohoCeilingBound
{
    /// <summary>Zoho's concurrency: L calls in flight of d each, L/d calls per second.</summary>
    Concurrency,

    /// <summary>Zoho's job limit: J jobs of one job duration each, times the calls an offboarding makes.</summary>
    Jobs,
}
