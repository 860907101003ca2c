using System.Globalization;

namespace Offboarding.Bench.Planning;

/// <summary>One planning run: the whole upload's time, the Zoho calls it spent, and the time of each stage.</summary>
public sealed record PlanningRun(TimeSpan Total, int ZohoCalls, int ListingCalls, int UserGets, int TokenCalls, TimeSpan Read, TimeSpan Plan, TimeSpan Store)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Total.TotalSeconds:0.00} s, {ZohoCalls} Zoho calls ({ListingCalls} users.list, {UserGets} users.get; {TokenCalls} OAuth token); read {Read.TotalSeconds:0.00} s, plan {Plan.TotalSeconds:0.00} s, estimate + store {Store.TotalSeconds:0.00} s");
}
