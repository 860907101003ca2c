namespace Zoho.Crm.Tests.Unit;

public class ZohoAccessTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_is_refreshed_the_skew_before_it_expires()
    {
        var token = new ZohoAccessToken("t", Now.AddHours(1), null, Now);
        Assert.True(token.IsFresh(Now.AddMinutes(54), TimeSpan.FromMinutes(5)));
        Assert.False(token.IsFresh(Now.AddMinutes(55), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void The_skew_is_capped_at_half_the_lifetime_of_a_short_token()
    {
        var token = new ZohoAccessToken("t", Now.AddSeconds(10), null, Now);
        Assert.True(token.IsFresh(Now.AddSeconds(4), TimeSpan.FromMinutes(5)));
        Assert.False(token.IsFresh(Now.AddSeconds(5), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Without_issue_time_the_full_skew_applies()
    {
        var token = new ZohoAccessToken("t", Now.AddSeconds(10), null);
        Assert.False(token.IsFresh(Now, TimeSpan.FromMinutes(5)));
    }
}
