using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Offboardings stored before the leaver index (or in its first layout, a row per offboarding) are indexed once per
/// storage account, so a manager whose offboarding is that old is still seen as leaving.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class LeaverIndexBackfillTests : SandboxResetTest
{
    public LeaverIndexBackfillTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task An_unfinished_offboarding_stored_without_its_index_row_is_indexed_once_and_first_layout_rows_go()
    {
        // A person of their own: earlier tests leave unfinished offboardings of the org's people, which the backfill indexes too.
        var email = $"backfill.{Guid.NewGuid():N}@northwind.example";
        await using var pipeline = new PipelineHarness(Fixture);
        var leaver = await SendDeferredAsync(pipeline, email);
        var leavers = pipeline.Services.GetRequiredService<LeaverIndex>();
        Assert.Equal(leaver, (await leavers.FindPendingAsync(email, null, CancellationToken.None))?.Id);

        // As storage looked before: no row of the current layout, one of the first layout, no marker.
        await ClearTableAsync(StorageNames.OffboardingTable, LeaverIndex.PartitionPrefix, prefix: true);
        var table = new TableClient(Fixture.Azurite.ConnectionString, StorageNames.OffboardingTable);
        await table.UpsertEntityAsync(new TableEntity(LeaverIndex.PartitionPrefix + "0123abcd", leaver));
        await table.DeleteEntityAsync(LeaverIndexBackfill.MarkerPartition, LeaverIndexBackfill.MarkerRow);
        Assert.Null(await leavers.FindPendingAsync(email, null, CancellationToken.None));

        var backfill = pipeline.Services.GetRequiredService<LeaverIndexBackfill>();
        Assert.True(await backfill.RunAsync(CancellationToken.None) >= 1);

        Assert.Equal(leaver, (await leavers.FindPendingAsync(email, null, CancellationToken.None))?.Id);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(LeaverIndex.PartitionPrefix + "0123abcd", leaver)).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(LeaverIndexBackfill.MarkerPartition, LeaverIndexBackfill.MarkerRow)).HasValue);
        Assert.Equal(0, await backfill.RunAsync(CancellationToken.None)); // once per account: the marker answers

        var cancelled = await pipeline.OperatorAsync("CancelOffboarding", "POST", $"offboardings/{leaver}/cancel", """{"reason":"the test is over"}""",
            route: new Dictionary<string, string> { ["id"] = leaver });
        Assert.Equal(200, cancelled.StatusCode);
    }

    private static async Task<string> SendDeferredAsync(PipelineHarness pipeline, string email)
    {
        var deferred = $$""","effectiveAt":"{{DateTimeOffset.UtcNow.AddDays(2):O}}" """.TrimEnd();
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", email, deferred)));
        Assert.Equal(202, response.StatusCode);
        using var view = System.Text.Json.JsonDocument.Parse(response.Body!);
        return view.RootElement.GetProperty("id").GetString()!;
    }
}
