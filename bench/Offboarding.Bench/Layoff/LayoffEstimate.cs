using System.Text.Json;

namespace Offboarding.Bench.Layoff;

/// <summary>The batch's estimate before approval as <c>POST /api/batches</c> answered it, with the bases it says it used.</summary>
public sealed record LayoffEstimate(TimeSpan Duration, int People, int JobLimit, double JobSeconds, string JobDurationBasis, long Credits, string CreditBasis)
{
    /// <summary>The end-to-end test: the actual duration within ±25 % of the estimate.</summary>
    public const double Tolerance = 0.25;

    public static LayoffEstimate Read(JsonElement batch)
    {
        var e = batch.GetProperty("estimate");
        return new LayoffEstimate(
            TimeSpan.FromSeconds(e.GetProperty("durationSeconds").GetDouble()),
            e.GetProperty("people").GetInt32(),
            e.GetProperty("jobLimit").GetInt32(),
            e.GetProperty("jobSeconds").GetDouble(),
            e.GetProperty("jobDurationBasis").GetString() ?? "",
            e.GetProperty("credits").GetInt64(),
            e.GetProperty("creditBasis").GetString() ?? "");
    }

    /// <summary>Zoho's job limit filled this many times over: the estimate is that many job durations.</summary>
    public int Waves => (int)Math.Ceiling(People / (double)Math.Max(1, JobLimit));

    /// <summary>Actual / estimate; 0 when there is no estimate to divide by.</summary>
    public double Ratio(TimeSpan actual) => Duration > TimeSpan.Zero ? actual / Duration : 0;

    public bool Within(TimeSpan actual) => Duration > TimeSpan.Zero && Math.Abs(Ratio(actual) - 1) <= Tolerance;
}
