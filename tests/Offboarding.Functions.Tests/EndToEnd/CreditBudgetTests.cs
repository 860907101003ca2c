using System.Text.Json;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using TestSupport;
using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 26: a layoff bigger than the app's credit budget never spends more than the budget in any window, and completes as
/// the window frees credits. The run (1,000 people, 1,500 credits per 10-minute window) scaled down tenfold in
/// people, budget and window alike: 100 people, 150 credits per 1-minute window, the same credits per person per window.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class CreditBudgetTests : SandboxResetTest, IAsyncLifetime
{
    private const int Leavers = 100;
    private const int Budget = 150;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public CreditBudgetTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ClearSharedWorkAsync();
    }

    [Fact]
    public async Task A_layoff_over_the_budget_never_spends_more_than_it_in_any_window_and_completes()
    {
        var org = LeaverOrg.Generate(Leavers);
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { ConcurrentJobLimit = 10, JobDurationSeconds = 0.3 });
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["Transfer:SlotWaitMaxDelay"] = "00:00:01",
            ["Zoho:CreditBudget"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Zoho:CreditReserve"] = "20",
            ["Zoho:CreditWindow"] = Window.ToString("c"),

            // As in production (the harness's default reads the directory for every lookup, which no budget is sized for).
            ["Zoho:UserDirectoryTtl"] = "00:02:00",
        });
        var layoff = await LayoffRun.SendAsync(pipeline, org);
        var sawWaitingInUsage = false;
        var records = await Eventually.ReturnsAsync(
            async () =>
            {
                var all = await layoff.StepAsync();
                if (!sawWaitingInUsage && all.Any(r => r.WaitingForCreditsSince is not null))
                {
                    using var usage = JsonDocument.Parse((await pipeline.OperatorAsync("GetZohoUsage", "GET", "zoho/usage")).Body!);
                    Assert.Equal(Budget, usage.RootElement.GetProperty("budget").GetInt64());
                    Assert.InRange(usage.RootElement.GetProperty("spent").GetInt64(), 1, Budget);
                    sawWaitingInUsage = usage.RootElement.GetProperty("waiting").GetProperty("count").GetInt32() > 0;
                }

                return all;
            },
            LayoffRun.AllEnded,
            "every offboarding ended",
            within: TimeSpan.FromMinutes(8),
            every: TimeSpan.FromMilliseconds(200),
            describe: LayoffRun.Describe);

        Assert.Empty(layoff.EverFailed);
        Assert.All(records, r => Assert.Equal(OffboardingState.Completed, r.State));
        Assert.True(sawWaitingInUsage, "the usage route showed transfers waiting for credits");
        Assert.Contains(records, r => r.Audit.Any(a => a is { Step: "credits", Outcome: "waiting" }));

        // Every CRM call Zoho counted, in every window that ends at one of them: never more than the budget.
        var calls = await Fixture.Sandbox.Control.GetCallLogAsync();
        Assert.True(calls.Count(CreditWindows.IsCharged) > Budget, $"the layoff needed more than one window's budget ({calls.Count(CreditWindows.IsCharged)} calls)");
        Assert.InRange(CreditWindows.Busiest(calls, Window).Credits, 1, Budget);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 429));
        Assert.Equal(Leavers, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 200));
    }
}
