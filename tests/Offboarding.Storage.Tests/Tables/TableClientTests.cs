using Azure;
using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests.Tables;

public sealed class TableClientTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public TableClientTests(AzuriteFixture fixture) => _fixture = fixture;


    [Fact]
    public async Task Create_if_not_exists_is_idempotent_and_delete_if_exists_reports_what_happened()
    {
        var table = await _fixture.NewTableAsync("t");
        await table.CreateIfNotExistsAsync();

        Assert.True(await table.DeleteIfExistsAsync());
        Assert.False(await table.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task Add_then_get_returns_the_entity_with_its_etag_and_timestamp()
    {
        var table = await _fixture.NewTableAsync("t");
        var entity = new TableEntity("p1", "r1") { ["Name"] = "Ada", ["Age"] = 36 };

        var etag = await table.AddEntityAsync(entity);
        var stored = await table.GetEntityIfExistsAsync("p1", "r1");

        Assert.NotNull(stored);
        Assert.NotEqual(default, etag);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal("Ada", stored.GetString("Name"));
        Assert.Equal(36, stored.GetInt32("Age"));
        Assert.Equal("p1", stored.PartitionKey);
        Assert.Equal("r1", stored.RowKey);
        Assert.NotNull(stored.Timestamp);
    }

    [Fact]
    public async Task Get_of_a_missing_entity_is_null()
    {
        var table = await _fixture.NewTableAsync("t");

        Assert.Null(await table.GetEntityIfExistsAsync("nope", "nope"));
    }

    [Fact]
    public async Task Get_on_a_missing_table_is_an_error_not_null()
    {
        var table = new TableClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("missing"));

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.GetEntityIfExistsAsync("p", "r"));
        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Add_of_an_existing_entity_fails_with_entity_already_exists()
    {
        var table = await _fixture.NewTableAsync("t");
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, (await table.GetEntityIfExistsAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Get_with_select_returns_only_the_selected_properties()
    {
        var table = await _fixture.NewTableAsync("t");
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b", ["C"] = "c" });

        var stored = await table.GetEntityIfExistsAsync("p", "r", ["A", "C"]);

        Assert.NotNull(stored);
        Assert.Equal("a", stored.GetString("A"));
        Assert.Equal("c", stored.GetString("C"));
        Assert.False(stored.ContainsKey("B"));
    }

    [Fact]
    public async Task Upsert_merge_keeps_other_properties_and_upsert_replace_drops_them()
    {
        var table = await _fixture.NewTableAsync("t");
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a1", ["B"] = "b1" });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a2" }, TableUpdateMode.Merge);
        var merged = await table.GetEntityIfExistsAsync("p", "r");
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = "c3" }, TableUpdateMode.Replace);
        var replaced = await table.GetEntityIfExistsAsync("p", "r");

        Assert.Equal("a2", merged!.GetString("A"));
        Assert.Equal("b1", merged.GetString("B"));
        Assert.False(replaced!.ContainsKey("A"));
        Assert.False(replaced.ContainsKey("B"));
        Assert.Equal("c3", replaced.GetString("C"));
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_a_stale_etag_fails_with_412()
    {
        var table = await _fixture.NewTableAsync("t");
        var first = await table.AddEntityAsync(new TableEntity("p", "r") { ["State"] = "Accepted" });

        var second = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["State"] = "Submitting" }, first);
        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["State"] = "Lost" }, first, TableUpdateMode.Replace));

        Assert.NotEqual(first, second);
        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal("Submitting", (await table.GetEntityIfExistsAsync("p", "r"))!.GetString("State"));
    }

    [Fact]
    public async Task Update_of_a_missing_entity_fails_and_update_needs_an_explicit_etag()
    {
        var table = await _fixture.NewTableAsync("t");

        var missing = await Assert.ThrowsAsync<StorageRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "ghost"), ETag.All));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default));

        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Two_concurrent_etag_writers_exactly_one_wins()
    {
        var table = await _fixture.NewTableAsync("t");
        var etag = await table.AddEntityAsync(new TableEntity("p", "r") { ["Owner"] = "nobody" });

        async Task<bool> TryClaim(string who)
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Owner"] = who }, etag);
                return true;
            }
            catch (StorageRequestFailedException e) when (e.Status == 412)
            {
                return false;
            }
        }

        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(() => TryClaim($"writer{i}"))).ToList();
        var outcomes = await Task.WhenAll(writers);

        Assert.Equal(1, outcomes.Count(won => won));
        var winner = $"writer{Array.IndexOf(outcomes, true)}";
        Assert.Equal(winner, (await table.GetEntityIfExistsAsync("p", "r"))!.GetString("Owner"));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_fails_with_the_current_one_succeeds_and_missing_is_fine()
    {
        var table = await _fixture.NewTableAsync("t");
        var first = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var second = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first);

        var stale = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.DeleteEntityAsync("p", "r", first));
        await table.DeleteEntityAsync("p", "r", second);
        await table.DeleteEntityAsync("p", "r");

        Assert.Equal(412, stale.Status);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Delete_without_etag_is_unconditional()
    {
        var table = await _fixture.NewTableAsync("t");
        await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["Changed"] = true });

        await table.DeleteEntityAsync("p", "r");

        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Query_follows_continuations_across_more_than_1000_entities()
    {
        var table = await _fixture.NewTableAsync("t");
        const int count = 1234;
        for (var batch = 0; batch < count; batch += 100)
        {
            var actions = Enumerable.Range(batch, Math.Min(100, count - batch))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("big", $"{i:D5}") { ["N"] = i }));
            await table.SubmitTransactionAsync(actions);
        }

        var all = await table.QueryAsync().ToListAsync();
        var small = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {"big"}"), maxPerPage: 100).ToListAsync();

        Assert.Equal(count, all.Count);
        Assert.Equal(count, all.Select(e => e.RowKey).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, count), small.Select(e => e.GetInt32("N")!.Value).Order());
    }

    [Fact]
    public async Task Query_with_filter_and_select()
    {
        var table = await _fixture.NewTableAsync("t");
        for (var i = 0; i < 10; i++)
        {
            await table.AddEntityAsync(new TableEntity(i % 2 == 0 ? "even" : "odd", $"r{i}") { ["N"] = i, ["Extra"] = "x" });
        }

        var filter = TableFilter.Create($"PartitionKey eq {"even"} and N ge {4}");
        var found = await table.QueryAsync(filter, select: ["N"]).ToListAsync();

        Assert.Equal([4, 6, 8], found.Select(e => e.GetInt32("N")!.Value).Order());
        Assert.All(found, e => Assert.False(e.ContainsKey("Extra")));
        Assert.All(found, e => Assert.NotEqual(default, e.ETag));
    }

    [Fact]
    public async Task Query_on_an_empty_table_yields_nothing()
    {
        var table = await _fixture.NewTableAsync("t");

        Assert.Empty(await table.QueryAsync().ToListAsync());
    }
}
