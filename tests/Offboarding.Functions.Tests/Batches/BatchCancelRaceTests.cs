using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Tests.EndToEnd;
using Zoho.Crm.Sandbox.Api;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>Issue 25 / ADR 007: a cancel that races the dispatcher in the middle of starting people. The dispatcher is
/// stopped at the storage write that marks its people started (it has checked the batch runs), the cancel comes, then the
/// dispatcher goes on: nobody not yet sent to Zoho is transferred after the cancel, and nobody is lost or left starting.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class BatchCancelRaceTests : BatchTest
{
    /// <summary>A table transaction: how the dispatcher marks a cycle's people started (and the cancel marks waiting ones cancelled).</summary>
    private const string MembersWrite = "POST /$batch";

    public BatchCancelRaceTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_cancel_while_the_dispatcher_is_starting_people_ends_them_all_before_Zoho_and_the_batch_finishes()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Transfer:MaxConcurrentJobs"] = "2" });
        var batches = new BatchPipeline(pipeline);
        var csv = $"workEmail,hrisId\n{Users.LeaverWithoutManagerEmail},E-13\n{Users.StandardUserEmail},E-09\n{Users.LeaverSubordinateEmail},E-08\n";
        var id = BatchPipeline.IdOf(await batches.SubmitCsvAsync(csv));
        Assert.Equal(200, (await batches.ActAsync<ApproveBatchHandler>(id)).StatusCode);

        // The dispatcher has found the batch running and two free slots; it is stopped as it marks those two started.
        var hold = pipeline.StorageCalls.HoldNext(call => call == MembersWrite);
        var dispatching = Task.Run(() => batches.Dispatcher.RunCycleAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // The cancel comes now and is written; then the dispatcher goes on.
        var cancelling = Task.Run(() => batches.ActAsync<CancelBatchHandler>(id, """{"reason":"the region stays open"}""", caller: "Canceller"));
        var store = pipeline.Services.GetRequiredService<BatchStore>();
        await TestSupport.Eventually.HoldsAsync(async () => (await store.GetAsync(id, CancellationToken.None))?.Batch.State == BatchState.Cancelled, "the cancel is written");
        hold.Release();
        var started = await dispatching.WaitAsync(TimeSpan.FromSeconds(30));
        var cancelled = await cancelling.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, started);
        Assert.Equal(200, cancelled.StatusCode);
        var counts = JsonDocument.Parse(cancelled.Body!).RootElement.GetProperty("progress").GetProperty("counts");
        Assert.Equal((2, 1), (Count(counts, "cancelled"), Count(counts, "not_started")));

        // Whatever the transfer step and the dispatcher do from here, nobody reaches Zoho.
        await pipeline.DrainRequestsAsync();
        var ended = await TestSupport.Eventually.ReturnsAsync(
            async () =>
            {
                await batches.Dispatcher.RunCycleAsync(DateTimeOffset.UtcNow, CancellationToken.None);
                await pipeline.DrainRequestsAsync();
                return await batches.GetAsync(id);
            },
            batch => batch.GetProperty("finishedAt").ValueKind == JsonValueKind.String,
            $"cancelled batch {id} announced its end",
            describe: batch => Task.FromResult(batch.GetProperty("progress").ToString()));
        Assert.Equal(0, await pipeline.ZohoCallsAsync(ZohoRoutes.TransferAndDelete));

        // Nobody lost or left waiting or starting: every row is in the report, ended before Zoho.
        Assert.Equal("cancelled", ended.GetProperty("state").GetString());
        var people = JsonDocument.Parse((await batches.ReportAsync(id, "json")).Body!).RootElement.GetProperty("people").EnumerateArray().ToList();
        Assert.Equal(["cancelled", "cancelled", "not_started"], people.Select(p => p.GetProperty("outcome").GetString()).Order());
        Assert.Single(await pipeline.EventsForAsync($"batches/{id}"), e => e.Type.EndsWith("batch.finished", StringComparison.Ordinal));
    }

    private static int Count(JsonElement counts, string state) => counts.TryGetProperty(state, out var count) ? count.GetInt32() : 0;
}
