using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Tests.EndToEnd;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>Issue 25: what watching a batch costs. A running batch is followed without its people (<c>?view=progress</c>),
/// the list shows an ended batch's stored progress instead of reading its people, and the dispatcher lists only the
/// batches it has work with and reads job slots only when someone can be started (calls counted with StorageCallLog).</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class BatchWatchCostTests : BatchTest
{
    private const string ListBatchRows = "GET /" + StorageNames.BatchTable;

    /// <summary>Two people who run, and one the plan skips (not found).</summary>
    private static readonly string Small = $"workEmail,hrisId\n{Users.LeaverWithoutManagerEmail},E-13\n{Users.StandardUserEmail},E-09\nnobody@northwind.example,E-99\n";

    public BatchWatchCostTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task The_progress_view_is_the_batch_without_its_people_and_an_unknown_view_is_a_problem()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Transfer:MaxConcurrentJobs"] = "1" });
        var batches = new BatchPipeline(pipeline);
        var id = BatchPipeline.IdOf(await batches.SubmitCsvAsync(Small));
        Assert.Equal(200, (await batches.ActAsync<ApproveBatchHandler>(id)).StatusCode);
        Assert.Equal(1, await batches.Dispatcher.RunCycleAsync(DateTimeOffset.UtcNow, CancellationToken.None));

        var full = await batches.GetAsync(id);
        var progress = await batches.GetAsync(id, GetBatchHandler.ProgressView);

        Assert.Equal(3, full.GetProperty("members").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("members").ValueKind);
        Assert.Equal(Counts(full), Counts(progress));
        Assert.Equal((2, 0, 1), (progress.GetProperty("progress").GetProperty("total").GetInt32(), progress.GetProperty("progress").GetProperty("done").GetInt32(),
            progress.GetProperty("progress").GetProperty("waiting").GetInt32()));
        Assert.Equal(full.GetProperty("estimate").ToString(), progress.GetProperty("estimate").ToString());
        Assert.Equal(("running", full.GetProperty("audit").GetArrayLength()), (progress.GetProperty("state").GetString(), progress.GetProperty("audit").GetArrayLength()));
        Assert.Equal(3, (await batches.GetAsync(id, GetBatchHandler.FullView)).GetProperty("members").GetArrayLength());

        var wrong = await batches.GetAnswerAsync(id, "people");
        Assert.Equal(400, wrong.StatusCode);
        using var problem = JsonDocument.Parse(wrong.Body!);
        Assert.Equal("view", problem.RootElement.GetProperty("errors")[0].GetProperty("pointer").GetString());
        Assert.Equal(404, (await batches.GetAnswerAsync(new string('0', 32), GetBatchHandler.ProgressView)).StatusCode);
    }

    [Fact]
    public async Task The_list_shows_the_progress_an_ended_batch_stored_and_reads_none_of_its_people()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Transfer:MaxConcurrentJobs"] = "2" });
        var batches = new BatchPipeline(pipeline);
        var finishedId = BatchPipeline.IdOf(await batches.SubmitCsvAsync(Small, name: "finishes"));
        Assert.Equal(200, (await batches.ActAsync<ApproveBatchHandler>(finishedId)).StatusCode);
        var finished = await batches.RunUntilFinishedAsync(finishedId, TimeSpan.FromMinutes(2));
        // Other people: the first batch's are offboarded now.
        var others = $"workEmail,hrisId\n{Users.LeaverEmail},E-07\n{Users.LeaverSubordinateEmail},E-08\nnobody@northwind.example,E-99\n";
        var rejectedId = BatchPipeline.IdOf(await batches.SubmitCsvAsync(others, name: "rejected"));
        Assert.Equal(200, (await batches.ActAsync<RejectBatchHandler>(rejectedId, """{"reason":"not this quarter"}""")).StatusCode);
        var rejected = await batches.GetAsync(rejectedId);

        pipeline.StorageCalls.Clear();
        var listed = await batches.ListAsync();
        var calls = pipeline.StorageCalls.Take().Where(c => !c.Contains(StorageNames.CreditTable, StringComparison.Ordinal)).ToList();

        // One read of the batch rows; no person row and no offboarding read.
        Assert.Equal([ListBatchRows], calls);
        Assert.Equal(Counts(finished), Counts(listed[finishedId]));
        Assert.Equal((2, 2, 0), (Progress(listed[finishedId], "done"), Progress(listed[finishedId], "completed"), Progress(listed[finishedId], "failed")));
        Assert.Equal(Counts(rejected), Counts(listed[rejectedId]));
        Assert.Equal("""{"not_started":2,"skipped":1}""", Counts(listed[rejectedId]));
    }

    [Fact]
    public async Task A_paused_batch_is_one_cycle_per_timer_run_that_reads_no_job_slots()
    {
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Transfer:MaxConcurrentJobs"] = "2" });
        var batches = new BatchPipeline(pipeline);
        var id = BatchPipeline.IdOf(await batches.SubmitCsvAsync(Small));
        Assert.Equal(200, (await batches.ActAsync<ApproveBatchHandler>(id)).StatusCode);
        Assert.Equal(200, (await batches.ActAsync<PauseBatchHandler>(id)).StatusCode);
        Assert.Equal(0, await batches.Dispatcher.RunCycleAsync(DateTimeOffset.UtcNow, CancellationToken.None));

        // A timer run's worth of cycling: one listing of the live batches, nothing else (its people were read a cycle ago).
        pipeline.StorageCalls.Clear();
        Assert.Equal(0, await batches.Dispatcher.RunUntilAsync(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), CancellationToken.None));
        var calls = pipeline.StorageCalls.Take().Where(c => !c.Contains(StorageNames.CreditTable, StringComparison.Ordinal)).ToList();

        Assert.Equal([ListBatchRows], calls);

        // Resumed, the same run starts people into the free slots.
        Assert.Equal(200, (await batches.ActAsync<ResumeBatchHandler>(id)).StatusCode);
        Assert.Equal(2, await batches.Dispatcher.RunUntilAsync(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Contains(pipeline.StorageCalls.Take(), c => c.StartsWith("GET /" + StorageNames.JobSlotTable, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dispatcher_lists_only_running_paused_and_unannounced_cancelled_batches_and_rewrites_older_rows()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var storage = pipeline.Services.GetRequiredService<PipelineStorage>();
        var writer = new BatchStore(storage);
        var ids = new Dictionary<string, string>();
        foreach (var (name, state, announced) in new[]
        {
            ("awaiting", BatchState.AwaitingApproval, false), ("running", BatchState.Running, false), ("paused", BatchState.Paused, false),
            ("finished", BatchState.Finished, true), ("rejected", BatchState.Rejected, false), ("cancelled", BatchState.Cancelled, false),
            ("cancelled-announced", BatchState.Cancelled, true), ("older-cancelled", BatchState.Cancelled, false), ("older-cancelled-announced", BatchState.Cancelled, true),
        })
        {
            ids[name] = await StoreAsync(writer, name, state, announced);
        }

        // Rows written before the column existed: the same rows without it.
        foreach (var older in new[] { ids["older-cancelled"], ids["older-cancelled-announced"] })
        {
            var row = (await storage.Batches.GetEntityAsync<TableEntity>("batch", older)).Value;
            Assert.True(row.Remove("FinishAnnounced"));
            await storage.Batches.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }

        var listed = await new BatchStore(storage).ListForDispatchAsync(CancellationToken.None);

        Assert.Equal(["cancelled", "older-cancelled", "paused", "running"], listed.Select(b => b.Name).Order().ToList());
        foreach (var older in new[] { ids["older-cancelled"], ids["older-cancelled-announced"] })
        {
            Assert.NotNull((await storage.Batches.GetEntityAsync<TableEntity>("batch", older)).Value.GetBoolean("FinishAnnounced"));
        }

        Assert.Equal(listed.Select(b => b.Id).Order(), (await new BatchStore(storage).ListForDispatchAsync(CancellationToken.None)).Select(b => b.Id).Order());
    }

    private static async Task<string> StoreAsync(BatchStore store, string name, BatchState state, bool announced)
    {
        var batch = new BatchRecord { Id = Guid.NewGuid().ToString("N"), Name = name, Reason = "listing", SubmittedBy = "Test", CreatedAt = DateTimeOffset.UtcNow };
        var stored = await store.CreateAsync(batch, [], CancellationToken.None);
        stored.Batch.State = state;
        stored.Batch.FinishAnnounced = announced;
        Assert.NotNull(await store.TryReplaceAsync(stored, CancellationToken.None));
        return batch.Id;
    }

    private static string Counts(JsonElement batch) => batch.GetProperty("progress").GetProperty("counts").ToString();

    private static int Progress(JsonElement batch, string name) => batch.GetProperty("progress").GetProperty(name).GetInt32();
}
