using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Storage;
using Zoho.Crm;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>The shared Zoho token cache in real table storage: shared between instances, unreadable from the storage account.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class TokenCacheTests : SandboxResetTest
{
    public TokenCacheTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task The_stored_row_holds_no_token_text_and_another_instance_reads_the_token_back()
    {
        var key = $"cache-{Guid.NewGuid():N}";
        var token = NewToken();
        await using (var writer = new PipelineHarness(Fixture))
        {
            await Cache(writer).SetAsync(key, token);
        }

        await using var reader = new PipelineHarness(Fixture);
        var raw = await RawRowsAsync(reader);
        Assert.NotEmpty(raw);
        Assert.All(raw, text => Assert.DoesNotContain(token.Value, text, StringComparison.Ordinal));
        Assert.All(raw, text => Assert.DoesNotContain(token.Value[5..20], text, StringComparison.Ordinal));

        var read = await Cache(reader).GetAsync(key);
        Assert.Equal(token, read);
    }

    [Fact]
    public async Task A_row_sealed_under_another_key_is_a_cache_miss_and_is_replaced_on_refresh()
    {
        var key = $"cache-{Guid.NewGuid():N}";
        await using (var before = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Zoho:ClientSecret"] = "the-secret-before-rotation" }))
        {
            await Cache(before).SetAsync(key, NewToken());
        }

        await using var after = new PipelineHarness(Fixture);
        Assert.Null(await Cache(after).GetAsync(key));
        Assert.Contains(after.Logs.Lines, line => line.Contains("does not open", StringComparison.Ordinal));

        var refreshed = NewToken();
        await Cache(after).SetAsync(key, refreshed);
        await using var another = new PipelineHarness(Fixture);
        Assert.Equal(refreshed, await Cache(another).GetAsync(key));
    }

    private static TableTokenCache Cache(PipelineHarness pipeline) => (TableTokenCache)pipeline.Services.GetRequiredService<Zoho.Crm.IZohoTokenCache>();

    private static ZohoAccessToken NewToken() =>
        new($"1000.{Guid.NewGuid():N}.{Guid.NewGuid():N}", DateTimeOffset.UtcNow.AddHours(1), "https://www.zohoapis.eu", DateTimeOffset.UtcNow);

    // Every property of every row, as someone with read access to the storage account sees them.
    private static async Task<List<string>> RawRowsAsync(PipelineHarness pipeline)
    {
        var rows = new List<string>();
        await foreach (var entity in pipeline.Storage.Tokens.QueryAsync<TableEntity>())
        {
            rows.Add(string.Join('\n', entity.Select(p => $"{p.Key}={p.Value}")));
        }

        return rows;
    }
}
