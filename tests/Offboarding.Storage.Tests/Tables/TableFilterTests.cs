using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests.Tables;

public sealed class TableFilterTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _fixture;

    public TableFilterTests(AzuriteFixture fixture) => _fixture = fixture;

    [Fact]
    public void Values_become_typed_literals()
    {
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1));
        var id = Guid.Parse("00000000-0000-0000-0000-0000000000ab");

        var filter = TableFilter.Create($"S eq {"O'Brien"} and I eq {42} and L eq {42L} and B eq {false} and D eq {1.5} and W ge {when} and G eq {id}");

        Assert.Equal(
            "S eq 'O''Brien' and I eq 42 and L eq 42L and B eq false and D eq 1.5 and W ge datetime'2026-01-02T02:04:05.0000000Z' " +
            "and G eq guid'00000000-0000-0000-0000-0000000000ab'",
            filter);
    }

    [Fact]
    public void Null_and_unsupported_values_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {(string?)null}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {new object()}"));
        Assert.Throws<ArgumentException>(() => TableFilter.Create($"A eq {double.NaN}"));
    }

    [Theory]
    [InlineData("x' or 'a' eq 'a")]
    [InlineData("x' or RowKey ne '")]
    [InlineData("') or (PartitionKey ne '")]
    [InlineData("x'' or ''a'' eq ''a")]
    public async Task Injection_through_a_value_cannot_widen_the_query(string hostile)
    {
        var table = await _fixture.NewTableAsync("filter");
        await table.AddEntityAsync(new TableEntity("tenant-a", "secret") { ["Owner"] = "a" });
        await table.AddEntityAsync(new TableEntity("tenant-b", "secret") { ["Owner"] = "b" });
        await table.AddEntityAsync(new TableEntity(hostile, "target") { ["Owner"] = "hostile" });

        var found = await table.QueryAsync(TableFilter.Create($"PartitionKey eq {hostile}")).ToListAsync();

        // Only the entity whose key literally is the hostile string matches; the others stay invisible.
        Assert.Equal("hostile", Assert.Single(found).GetString("Owner"));
    }
}
