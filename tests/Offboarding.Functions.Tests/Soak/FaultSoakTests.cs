using Offboarding.Bench.Harness.Soak;

namespace Offboarding.Functions.Tests.Soak;

/// <summary>
/// The short fault soak: the same scenario and checks as <c>./bench/run.sh soak</c> (bench/Offboarding.Bench.Harness),
/// at 50 offboardings with one app crash. Real Azurite, the real app process, the sandbox failing calls at
/// random. No timing assertions: the deadline only bounds how long the test may wait.
/// </summary>
public sealed class FaultSoakTests
{
    private const int Count = 50;

    [Fact]
    public async Task Offboardings_survive_zoho_faults_and_an_app_crash_finished_exactly_once()
    {
        var result = await SoakScenario.RunAsync(new SoakOptions
        {
            Count = Count,
            AppRestarts = 1,
            AzuriteRestarts = 0,
            DropResponseRate = 0.05,
            SenderConcurrency = 4,
            Deadline = TimeSpan.FromMinutes(10),
        });

        var counts = result.Report.Counts;
        var why = $"{result.Report.ToMarkdown()}\napp log: {result.AppLogPath}";
        Assert.True(result.Report.IsClean, why);
        Assert.Equal(Count, counts.Offboardings);
        Assert.Equal(Count, counts.Completed + counts.FailedWithReason);
        Assert.Equal(0, counts.Lost);
        Assert.Equal(0, counts.UsersDeletedTwice);
        Assert.Equal(0, counts.DuplicateTransferCalls);
        Assert.Equal(0, counts.DuplicateEventIds);
        Assert.Equal(0, counts.MissingTerminalEvents);
        Assert.Equal(0, counts.PoisonUnexplained);

        // The run really was disrupted: the app was killed once and Zoho failed calls.
        Assert.Single(result.Disruptions);
        Assert.True(counts.Injected500s + counts.Injected429s + counts.InjectedDrops > 0, why);
    }
}
