using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Learned job durations are shared through storage: one instance's learning serves a new or restarted instance.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class SharedJobDurationsTests : SandboxResetTest
{
    private static readonly TimeSpan Learned = TimeSpan.FromMilliseconds(7_123);

    public SharedJobDurationsTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task What_one_instance_learned_times_the_first_polls_of_another_and_of_its_successor()
    {
        await using var first = new PipelineHarness(Fixture);
        var learning = first.Services.GetRequiredService<JobDurations>();
        learning.Running(Learned / 2);
        learning.Finished(Learned);
        await first.Services.GetRequiredService<JobDurationSync>().SyncOnceAsync(CancellationToken.None);

        // Another instance (its own services and process row) knows nothing until it syncs.
        await using var second = new PipelineHarness(Fixture);
        var durations = second.Services.GetRequiredService<JobDurations>();
        Assert.Null(durations.FirstPoll);
        await second.Services.GetRequiredService<JobDurationSync>().SyncOnceAsync(CancellationToken.None);

        Assert.NotNull(durations.FirstPoll);
        Assert.InRange(Learned, durations.Shortest!.Value, durations.Longest!.Value);

        // The first instance is gone; a process started after it still reads what it saved.
        await first.DisposeAsync();
        await using var successor = new PipelineHarness(Fixture);
        var inherited = successor.Services.GetRequiredService<JobDurations>();
        await successor.Services.GetRequiredService<JobDurationSync>().SyncOnceAsync(CancellationToken.None);
        Assert.InRange(Learned, inherited.Shortest!.Value, inherited.Longest!.Value);
    }
}
