using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests.Tables;

/// <summary>Keys reach the service inside the URL path and inside filters: both must survive awkward characters.</summary>
public sealed class TableKeyTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public TableKeyTests(AzuriteFixture fixture) => _fixture = fixture;

    public static TheoryData<string> AwkwardKeys() => new()
    {
        "O'Brien",
        "''",
        "with space",
        "a+b=c&d",
        "100%",
        "semi;colon,comma",
        "(paren)*!@$",
        "Zoë Ærøskøbing 東京 🚀",
        "~tilde.dot-dash_underscore",
        "\"quoted\"",
        "",
        new string('k', 512),
    };

    [Theory]
    [MemberData(nameof(AwkwardKeys))]
    public async Task Awkward_but_legal_keys_work_for_every_operation(string key)
    {
        var table = await _fixture.NewTableAsync("keys");

        var added = await table.AddEntityAsync(new TableEntity(key, key) { ["V"] = 1 });
        var updated = await table.UpdateEntityAsync(new TableEntity(key, key) { ["V"] = 2 }, added);
        var fetched = await table.GetEntityIfExistsAsync(key, key);
        var queried = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {key} and RowKey eq {key}")).ToListAsync();
        await table.DeleteEntityAsync(key, key, updated);

        Assert.NotNull(fetched);
        Assert.Equal((key, key, 2), (fetched.PartitionKey, fetched.RowKey, fetched.GetInt32("V")));
        Assert.Equal(key, Assert.Single(queried).RowKey);
        Assert.Null(await table.GetEntityIfExistsAsync(key, key));
    }

    public static TheoryData<string> ForbiddenKeys() => new()
    {
        "a/b", "a\\b", "a#b", "a?b", "tab\there", "new\nline", "nul\0", "del\u007f", "c1\u0085", new string('k', 513),
    };

    [Theory]
    [MemberData(nameof(ForbiddenKeys))]
    public async Task Forbidden_keys_are_rejected_before_any_request(string key)
    {
        // A table that does not exist: if any request went out, the service would answer 404, not ArgumentException.
        var table = new TableClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("nokeys"));

        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity(key, "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", key)));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertEntityAsync(new TableEntity("p", key)));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityIfExistsAsync(key, "r"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync("p", key));
    }

    [Fact]
    public async Task An_entity_without_keys_is_rejected()
    {
        var table = new TableClient(_fixture.ConnectionString, AzuriteFixture.UniqueName("nokeys"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity { ["V"] = 1 }));
        Assert.Contains("PartitionKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("has-dash")]
    [InlineData("tables")]
    public void Invalid_table_names_are_rejected(string name) =>
        Assert.Throws<ArgumentException>(() => new TableClient(_fixture.ConnectionString, name));
}
