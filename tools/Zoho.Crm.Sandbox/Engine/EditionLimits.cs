namespace Zoho.Crm.Sandbox.Engine;

/// <summary>Zoho's published per-edition concurrency and daily credit allowances (zoho-facts §8).</summary>
public static class EditionLimits
{
    public static int Concurrency(string edition) => edition.ToUpperInvariant() switch
    {
        "FREE" => 5,
        "STANDARD" or "STARTER" => 10,
        "PROFESSIONAL" => 15,
        "ENTERPRISE" => 20,
        _ => 25,
    };

    public static long DailyCredits(string edition, int users) => edition.ToUpperInvariant() switch
    {
        "FREE" => 5_000,
        "STANDARD" or "STARTER" => Math.Min(50_000 + (users * 250L), 100_000),
        "PROFESSIONAL" => Math.Min(50_000 + (users * 500L), 3_000_000),
        "ENTERPRISE" => Math.Min(50_000 + (users * 1_000L), 5_000_000),
        _ => 50_000 + (users * 2_000L),
    };
}
