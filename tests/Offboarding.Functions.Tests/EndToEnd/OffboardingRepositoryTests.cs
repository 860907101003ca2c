using System.Text.Json;
using Offboarding.Functions.Storage;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>A record never points at a due row that is not there, even when a write's answer is lost after it landed.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class OffboardingRepositoryTests : SandboxResetTest
{
    public OffboardingRepositoryTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_write_that_landed_but_was_answered_as_lost_leaves_the_record_due_where_it_points()
    {
        await ClearSharedWorkAsync();
        await using var pipeline = new PipelineHarness(Fixture);
        var answer = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail)));
        var id = JsonDocument.Parse(answer.Body!).RootElement.GetProperty("id").GetString()!;
        await pipeline.Storage.Requests.ClearMessagesAsync(); // only the record matters here

        // The record write lands; its answer is lost and the SDK's retry meets the write's own new ETag (412).
        var stored = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        var dueAt = pipeline.Time.GetUtcNow() + TimeSpan.FromMinutes(5);
        stored.Record.Record(pipeline.Time.GetUtcNow(), "test", "written, answer lost");
        pipeline.StorageCalls.FailAfterSending(call => call.StartsWith("PUT /" + StorageNames.OffboardingTable, StringComparison.Ordinal), 412);
        Assert.Null(await pipeline.Repository.TrySaveAsync(stored, DueAt.At(dueAt), CancellationToken.None));
        pipeline.StorageCalls.StopFailing();

        var written = await pipeline.GetAsync(id);
        Assert.Equal(DueIndex.KeyFor(dueAt, id), written.DueKey);
        var due = new List<DueEntry>();
        await foreach (var entry in pipeline.Repository.DueAsync(dueAt, 10_000, CancellationToken.None))
        {
            due.Add(entry);
        }

        Assert.Contains(due, e => e.Key == written.DueKey && e.OffboardingId == id);
    }
}
