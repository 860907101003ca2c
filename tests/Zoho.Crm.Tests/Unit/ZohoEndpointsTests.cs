namespace Zoho.Crm.Tests.Unit;

public class ZohoEndpointsTests
{
    [Theory]
    [InlineData(ZohoDataCenter.US, "https://accounts.zoho.com/", "https://www.zohoapis.com/")]
    [InlineData(ZohoDataCenter.EU, "https://accounts.zoho.eu/", "https://www.zohoapis.eu/")]
    [InlineData(ZohoDataCenter.IN, "https://accounts.zoho.in/", "https://www.zohoapis.in/")]
    [InlineData(ZohoDataCenter.AU, "https://accounts.zoho.com.au/", "https://www.zohoapis.com.au/")]
    [InlineData(ZohoDataCenter.JP, "https://accounts.zoho.jp/", "https://www.zohoapis.jp/")]
    [InlineData(ZohoDataCenter.CN, "https://accounts.zoho.com.cn/", "https://www.zohoapis.com.cn/")]
    [InlineData(ZohoDataCenter.CA, "https://accounts.zohocloud.ca/", "https://www.zohoapis.ca/")]
    [InlineData(ZohoDataCenter.SA, "https://accounts.zoho.sa/", "https://www.zohoapis.sa/")]
    public void Every_data_centre_has_its_accounts_server_and_api_domain(ZohoDataCenter dc, string accounts, string api)
    {
        var endpoints = ZohoEndpoints.For(dc);
        Assert.Equal(accounts, endpoints.AccountsUri.AbsoluteUri);
        Assert.Equal(api, endpoints.ApiUri.AbsoluteUri);
    }

    [Fact]
    public void Every_enum_value_resolves() =>
        Assert.All(Enum.GetValues<ZohoDataCenter>(), dc => Assert.NotNull(ZohoEndpoints.For(dc)));

    [Theory]
    [InlineData(ZohoEnvironment.Sandbox, "https://sandbox.zohoapis.eu/")]
    [InlineData(ZohoEnvironment.Developer, "https://developer.zohoapis.eu/")]
    public void Sandbox_and_developer_orgs_use_their_own_api_host(ZohoEnvironment environment, string api)
    {
        var endpoints = ZohoEndpoints.For(ZohoDataCenter.EU, environment);
        Assert.Equal(api, endpoints.ApiUri.AbsoluteUri);
        Assert.Equal("https://accounts.zoho.eu/", endpoints.AccountsUri.AbsoluteUri);
    }

    [Fact]
    public void Explicit_uris_override_the_data_centre_one_by_one()
    {
        var options = new ZohoCrmClientOptions { DataCenter = ZohoDataCenter.JP, ApiUri = new Uri("http://127.0.0.1:5000") };
        var endpoints = options.ResolveEndpoints();
        Assert.Equal("https://accounts.zoho.jp/", endpoints.AccountsUri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/", endpoints.ApiUri.AbsoluteUri);
    }

    [Fact]
    public void Unknown_data_centre_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ZohoEndpoints.For((ZohoDataCenter)99));
}
