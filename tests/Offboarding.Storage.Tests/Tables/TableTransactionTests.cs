using Azure;
using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests.Tables;

public sealed class TableTransactionTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public TableTransactionTests(AzuriteFixture fixture) => _fixture = fixture;


    [Fact]
    public async Task Every_action_type_applies_and_returns_etags()
    {
        var table = await _fixture.NewTableAsync("tx");
        var updateMergeEtag = await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = "a", ["B"] = "b" });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "a", ["B"] = "b" });
        await table.AddEntityAsync(new TableEntity("p", "upsert-merge") { ["A"] = "a" });
        await table.AddEntityAsync(new TableEntity("p", "delete"));

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = "new" }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["A"] = "merged" }, updateMergeEtag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["C"] = "c" }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["B"] = "b" }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert-replace") { ["Z"] = 26 }),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]);

        Assert.Equal(6, etags.Count);
        Assert.All(etags.Take(5), e => Assert.NotEqual(default, e));
        Assert.Equal("new", (await table.GetEntityIfExistsAsync("p", "add"))!.GetString("A"));
        var merged = (await table.GetEntityIfExistsAsync("p", "merge"))!;
        Assert.Equal(("merged", "b"), (merged.GetString("A"), merged.GetString("B")));
        var replaced = (await table.GetEntityIfExistsAsync("p", "replace"))!;
        Assert.Equal((false, "c"), (replaced.ContainsKey("A"), replaced.GetString("C")));
        var upsertMerged = (await table.GetEntityIfExistsAsync("p", "upsert-merge"))!;
        Assert.Equal(("a", "b"), (upsertMerged.GetString("A"), upsertMerged.GetString("B")));
        Assert.Equal(26, (await table.GetEntityIfExistsAsync("p", "upsert-replace"))!.GetInt32("Z"));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "delete"));
        Assert.Equal(etags[0], (await table.GetEntityIfExistsAsync("p", "add"))!.ETag);
    }

    [Fact]
    public async Task A_batch_with_one_bad_operation_changes_nothing_and_names_the_operation()
    {
        var table = await _fixture.NewTableAsync("tx");
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["V"] = "original" });
        await table.AddEntityAsync(new TableEntity("p", "keep") { ["V"] = "original" });

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "keep") { ["V"] = "changed" }),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists") { ["V"] = "clobbered" }),
            new(TableTransactionActionType.Add, new TableEntity("p", "new2")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Contains("operation 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'exists'", error.Message, StringComparison.Ordinal);
        var left = await table.QueryAsync().ToListAsync();
        Assert.Equal(["exists", "keep"], left.Select(e => e.RowKey).Order());
        Assert.All(left, e => Assert.Equal("original", e.GetString("V")));
    }

    [Fact]
    public async Task A_stale_etag_in_a_batch_fails_it_whole_with_412()
    {
        var table = await _fixture.NewTableAsync("tx");
        var stale = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });

        var error = await Assert.ThrowsAsync<StorageRequestFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "other")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Contains("operation 1", error.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "other"));
        Assert.Equal(2, (await table.GetEntityIfExistsAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Exactly_100_operations_are_accepted()
    {
        var table = await _fixture.NewTableAsync("tx");

        var etags = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}") { ["I"] = i })));

        Assert.Equal(100, etags.Count);
        Assert.Equal(100, (await table.QueryAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task Invalid_batches_are_rejected_before_any_request()
    {
        var table = await _fixture.NewTableAsync("tx");
        static TableTransactionAction Add(string pk, string rk) => new(TableTransactionActionType.Add, new TableEntity(pk, rk));

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101).Select(i => Add("p", $"r{i}"))));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("p1", "r"), Add("p2", "r")]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("p", "r"), Add("p", "r")]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("p", "bad/key")]));

        Assert.Empty(await table.QueryAsync().ToListAsync());
    }
}
