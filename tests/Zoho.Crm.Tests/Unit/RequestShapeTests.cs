using Flurl.Http.Testing;

namespace Zoho.Crm.Tests.Unit;

/// <summary>What goes on the wire, seen through Flurl's HttpTest (behaviour is tested against the sandbox).</summary>
public sealed class RequestShapeTests
{
    private static readonly object Token = new { access_token = "1000.shape-token", expires_in = 3600 };

    private static ZohoCrmClient Client() => new(new ZohoCrmClientOptions
    {
        ClientId = "shape-client",
        ClientSecret = "shape-secret",
        RefreshToken = "1000.shape-refresh",
        AccountsUri = new Uri("https://accounts.test/"),
        ApiUri = new Uri("https://api.test/"),
        MaxRetries = 0,
    });

    [Fact]
    public async Task The_token_is_refreshed_with_a_form_post_and_sent_as_a_zoho_oauth_header()
    {
        using var http = new HttpTest();
        http.RespondWithJson(Token).RespondWithJson(new { users = new[] { new { id = "111", status = "active" } } });
        using var client = Client();

        await client.GetUserAsync("111");

        http.ShouldHaveCalled("https://accounts.test/oauth/v2/token").WithVerb(HttpMethod.Post)
            .WithContentType("application/x-www-form-urlencoded")
            .WithRequestBody("grant_type=refresh_token&client_id=shape-client&client_secret=shape-secret&refresh_token=1000.shape-refresh")
            .Times(1);
        http.ShouldHaveCalled("https://api.test/crm/v8/users/111").WithVerb(HttpMethod.Get)
            .WithHeader("Authorization", "Zoho-oauthtoken 1000.shape-token").WithHeader("Accept", "application/json").Times(1);
    }

    [Fact]
    public async Task A_transfer_and_delete_posts_json_to_the_user_path_and_its_status_is_read_by_job_id()
    {
        using var http = new HttpTest();
        http.RespondWithJson(Token)
            .RespondWithJson(new { transfer_and_delete = new[] { new { code = "SUCCESS", status = "success", details = new { jobId = "42" } } } })
            .RespondWithJson(new { transfer_and_delete = new[] { new { status = "completed" } } });
        using var client = Client();

        var job = await client.TransferAndDeleteUserAsync(new TransferAndDeleteRequest { UserId = "111", TransferToUserId = "222" });
        await client.GetTransferAndDeleteStatusAsync(job.JobId);

        http.ShouldHaveCalled("https://api.test/crm/v8/users/111/actions/transfer_and_delete").WithVerb(HttpMethod.Post)
            .WithContentType("application/json").WithRequestBody("*\"transfer\":{\"id\":\"222\"*").Times(1);
        http.ShouldHaveCalled("https://api.test/crm/v8/users/actions/transfer_and_delete").WithVerb(HttpMethod.Get)
            .WithQueryParam("job_id", "42").Times(1);
    }

    [Fact]
    public async Task Path_segments_and_query_values_are_escaped()
    {
        using var http = new HttpTest();
        http.RespondWithJson(Token).RespondWithJson(new { transfer = new[] { new { code = "SUCCESS", details = new { id = "p1" } } } });
        using var client = Client();

        await client.TransferPortalUsersAsync("Partner Portal?", "t1", "t2", ["p1", "p2"]);

        http.ShouldHaveCalled("https://api.test/crm/v8/settings/portals/Partner%20Portal%3F/user_type/t1/users/action/transfer")
            .WithVerb(HttpMethod.Post).WithQueryParam("transfer_To", "t2").WithQueryParam("personality_ids", "p1,p2").Times(1);
    }

    [Fact]
    public async Task Calls_go_to_the_api_domain_the_token_names()
    {
        using var http = new HttpTest();
        http.RespondWithJson(new { access_token = "1000.shape-token", expires_in = 3600, api_domain = "https://www.zohoapis.eu" })
            .RespondWithJson(new { users = new[] { new { id = "111", status = "active" } } });
        using var client = Client();

        await client.GetUserAsync("111");

        http.ShouldHaveCalled("https://www.zohoapis.eu/crm/v8/users/111").Times(1);
        http.ShouldNotHaveCalled("https://api.test/*");
    }
}
