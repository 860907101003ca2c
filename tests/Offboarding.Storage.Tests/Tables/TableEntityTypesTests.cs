using Offboarding.Storage.Tables;
using TestSupport;

namespace Offboarding.Storage.Tests.Tables;

public sealed class TableEntityTypesTests : IClassFixture<AzuriteFixture>
{
    private static readonly Guid SomeGuid = Guid.Parse("5f0c7e1a-93b2-4c61-a0d4-2e8f9b6a1c3d");
    private static readonly DateTimeOffset SomeTime = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979);

    private readonly AzuriteFixture _fixture;

    public TableEntityTypesTests(AzuriteFixture fixture) => _fixture = fixture;

    private static TableEntity EveryType(string rowKey) => new("types", rowKey)
    {
        ["Text"] = "Zoë 東京 🚀 'quoted' \"double\"",
        ["Empty"] = string.Empty,
        ["Int"] = int.MinValue,
        ["Long"] = 9_007_199_254_740_993L, // 2^53 + 1: would lose precision as a JSON number.
        ["SmallLong"] = 5L,
        ["Flag"] = true,
        ["Ratio"] = 0.1 + 0.2,
        ["WholeDouble"] = 3.0,
        ["NotANumber"] = double.NaN,
        ["Infinite"] = double.NegativeInfinity,
        ["Id"] = SomeGuid,
        ["When"] = SomeTime,
        ["Bytes"] = new byte[] { 0, 1, 2, 253, 254, 255 },
    };

    private static void AssertEveryType(TableEntity stored)
    {
        Assert.Equal("Zoë 東京 🚀 'quoted' \"double\"", stored.GetString("Text"));
        Assert.Equal(string.Empty, stored.GetString("Empty"));
        Assert.Equal(int.MinValue, stored["Int"]);
        Assert.Equal(9_007_199_254_740_993L, stored["Long"]);
        Assert.Equal(5L, stored["SmallLong"]);
        Assert.Equal(true, stored["Flag"]);
        Assert.Equal(0.1 + 0.2, stored["Ratio"]);
        Assert.Equal(3.0, stored["WholeDouble"]);
        Assert.IsType<double>(stored["WholeDouble"]);
        Assert.True(double.IsNaN(stored.GetDouble("NotANumber")!.Value));
        Assert.Equal(double.NegativeInfinity, stored["Infinite"]);
        Assert.Equal(SomeGuid, stored["Id"]);
        Assert.Equal(SomeTime, stored["When"]);
        Assert.Equal(TimeSpan.Zero, stored.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, stored["Bytes"]);
    }

    [Fact]
    public async Task Every_supported_type_round_trips_through_get_query_and_transactions()
    {
        var table = await _fixture.NewTableAsync("types");

        await table.AddEntityAsync(EveryType("added"));
        await table.UpsertEntityAsync(EveryType("upserted"), TableUpdateMode.Replace);
        await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, EveryType("batched"))]);

        foreach (var rowKey in new[] { "added", "upserted", "batched" })
        {
            AssertEveryType((await table.GetEntityIfExistsAsync("types", rowKey))!);
        }

        var queried = await table.QueryAsync().ToListAsync();
        Assert.Equal(3, queried.Count);
        Assert.All(queried, AssertEveryType);
    }

    [Fact]
    public async Task Typed_values_work_in_filters()
    {
        var table = await _fixture.NewTableAsync("types");
        await table.AddEntityAsync(EveryType("one"));
        await table.AddEntityAsync(new TableEntity("types", "two") { ["Long"] = 1L, ["When"] = SomeTime.AddDays(1), ["Id"] = Guid.NewGuid(), ["Flag"] = false });

        async Task<string[]> Match(FormattableString filter) =>
            (await table.QueryAsync(TableFilter.Create(filter)).ToListAsync()).Select(e => e.RowKey).Order().ToArray();

        Assert.Equal(["one"], await Match($"Long eq {9_007_199_254_740_993L}"));
        Assert.Equal(["two"], await Match($"Long lt {100L}"));
        Assert.Equal(["one"], await Match($"When le {SomeTime}"));
        Assert.Equal(["two"], await Match($"When gt {SomeTime}"));
        Assert.Equal(["one"], await Match($"Id eq {SomeGuid}"));
        Assert.Equal(["one"], await Match($"Flag eq {true}"));
        Assert.Equal(["one", "two"], await Match($"PartitionKey eq {"types"}"));
    }

    [Fact]
    public void Typed_getters_convert_where_lossless_and_refuse_a_wrong_type_by_name()
    {
        var entity = new TableEntity("p", "r") { ["I"] = 7, ["S"] = "text", ["G"] = SomeGuid.ToString() };

        Assert.Equal(7L, entity.GetInt64("I"));
        Assert.Equal(7.0, entity.GetDouble("I"));
        Assert.Equal(SomeGuid, entity.GetGuid("G"));
        Assert.Null(entity.GetString("Missing"));
        Assert.Null(entity["Missing"]);
        var error = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("S"));
        Assert.Contains("'S'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_property_types_are_rejected_before_sending()
    {
        var table = await _fixture.NewTableAsync("types");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("p", "r") { ["Price"] = 9.99m }));

        Assert.Contains("Price", error.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }
}
