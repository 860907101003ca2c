using Offboarding.Storage.Tables;

namespace Offboarding.Storage.Tests.Tables;

public sealed class TableQueryPagingTests
{
    [Fact]
    public async Task Short_and_empty_pages_with_a_continuation_do_not_end_the_query()
    {
        await using var server = new ShortPageTableServer();
        var table = new TableClient(server.ConnectionString, "pages");

        var rows = await table.QueryAsync().Select(e => e.RowKey).ToListAsync();

        Assert.Equal(["a", "b", "c"], rows);
        // Tokens go back exactly as received, however many reserved characters or percent signs they hold (tokens are ASCII: they travel in headers).
        Assert.Equal(["(none)", ShortPageTableServer.FirstToken, ShortPageTableServer.SecondToken], server.ReceivedTokens);
    }
}
