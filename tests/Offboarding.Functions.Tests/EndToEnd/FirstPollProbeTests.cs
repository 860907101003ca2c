using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
using Zoho.Crm.Sandbox.Api;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Issue 26, fewer credits per offboarding: while the learned job length is nearly known, one job at a time probes
/// the uncertain span and the others' first polls aim past it, so learning costs a status call or two, not one per job.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class FirstPollProbeTests : SandboxResetTest
{
    // Learned: a job still running at 40 s, the shortest seen finished by 50 s. The span (10 s) is a fifth of the bound.
    private static readonly TimeSpan RunningAt = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan FinishedBy = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(45);

    // A tolerance (2 % of the bound) past it.
    private static readonly TimeSpan PastTheBound = TimeSpan.FromSeconds(51);

    public FirstPollProbeTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task One_job_probes_a_narrow_span_the_others_aim_past_it_and_the_probes_answer_lets_the_next_job_probe_the_rest()
    {
        // Only this test's jobs are due: the cycles below run on a clock moved ahead, which would make other classes'
        // leftover due rows due too (and poll their jobs).
        await ClearTableAsync(StorageNames.DueIndexTable);
        var org = LeaverOrg.Generate(5);
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);

        // Jobs end only when the test says so.
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 3600 });
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        await using var pipeline = new PipelineHarness(Fixture);
        var durations = pipeline.Services.GetRequiredService<JobDurations>();
        durations.Running(RunningAt);
        durations.Finished(FinishedBy);

        // Four transfers submitted together: one first poll in the span's middle, three past the bound.
        var together = await SubmitAsync(pipeline, org.Leavers.Take(4));
        var probe = Assert.Single(together, r => FirstPollAge(r) < FinishedBy);
        Assert.InRange(FirstPollAge(probe), Probe, FinishedBy);
        Assert.All(together.Where(r => r.Id != probe.Id), r => Assert.True(FirstPollAge(r) >= PastTheBound, $"{r.Id}'s first poll at {FirstPollAge(r)} is not past the bound"));

        // The probe's poll comes (the others are not due yet) and finds its job running: the span narrows to what is left.
        pipeline.Time.Advance(Probe + TimeSpan.FromMilliseconds(100));
        await pipeline.Poll.RunCycleAsync(CancellationToken.None);
        var probed = await pipeline.GetAsync(probe.Id);
        Assert.Equal((OffboardingState.Submitted, 1), (probed.State, probed.PollCount));
        foreach (var other in together.Where(r => r.Id != probe.Id))
        {
            Assert.Equal(0, (await pipeline.GetAsync(other.Id)).PollCount);
        }
        var narrowed = durations.FirstPoll!.Value;
        Assert.InRange(narrowed, Probe, FinishedBy);

        // So the next transfer probes again, inside the narrowed span.
        var next = Assert.Single(await SubmitAsync(pipeline, org.Leavers.Skip(4)));
        Assert.InRange(FirstPollAge(next), narrowed, FinishedBy);

        // Every job ends; each costs one status call, the first probe two (it found its job running).
        await Fixture.Sandbox.Control.CompleteJobsAsync();
        pipeline.Time.Advance(PastTheBound);
        foreach (var id in together.Select(r => r.Id).Append(next.Id))
        {
            var done = await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);
            Assert.Equal(OffboardingState.Completed, done.State);
            Assert.Equal(id == probe.Id ? 2 : 1, done.PollCount);
        }

        Assert.Equal(6, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDeleteStatus));
        Assert.Equal(5, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete, status: 200));
    }

    private static TimeSpan FirstPollAge(OffboardingRecord record) => DueIndex.DueTimeOf(record.DueKey!) - record.SubmittedAt!.Value;

    private static async Task<IReadOnlyList<OffboardingRecord>> SubmitAsync(PipelineHarness pipeline, IEnumerable<Leaver> leavers)
    {
        var ids = new List<string>();
        foreach (var leaver in leavers)
        {
            var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", leaver.Email)));
            Assert.Equal(202, response.StatusCode);
            ids.Add(JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!);
        }

        await pipeline.DrainRequestsAsync();
        var records = new List<OffboardingRecord>();
        foreach (var id in ids)
        {
            var record = await pipeline.GetAsync(id);
            Assert.Equal(OffboardingState.Submitted, record.State);
            records.Add(record);
        }

        return records;
    }
}
