using System.Net;
using System.Text.Json.Nodes;
using TestSupport;
using Zoho.Crm.Sandbox.Fixtures;
using static Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Sandbox.Tests;

/// <summary>Get Users: type filters, paging with info.more_records, ids, 204, and one user by id.</summary>
public sealed class UsersTests(SandboxFixture sandbox) : SandboxTest(sandbox), IClassFixture<SandboxFixture>
{
    // 36 users: one is not a CRM user (never listed) and one is deleted (only under DeletedUsers).
    private const int ListedUsers = Count - 2;

    [Fact]
    public async Task Pages_through_all_users_with_more_records_until_the_last_page()
    {
        var token = await Zoho.AccessTokenAsync();
        var seen = new List<string>();
        var moreFlags = new List<bool>();
        for (var page = 1; ; page++)
        {
            var answer = await Zoho.GetAsync($"crm/v7/users?type=AllUsers&per_page=10&page={page}", token);
            if (answer.Status == HttpStatusCode.NoContent)
            {
                Assert.Equal(5, page);
                break;
            }

            var info = answer.Body!["info"]!;
            Assert.Equal(page, info["page"]!.GetValue<int>());
            Assert.Equal(10, info["per_page"]!.GetValue<int>());
            var users = answer.Body["users"]!.AsArray();
            Assert.Equal(users.Count, info["count"]!.GetValue<int>());
            seen.AddRange(users.Select(u => u!["id"]!.GetValue<string>()));
            moreFlags.Add(info["more_records"]!.GetValue<bool>());
        }

        Assert.Equal(ListedUsers, seen.Count);
        Assert.Equal(ListedUsers, seen.Distinct().Count());
        Assert.Equal([true, true, true, false], moreFlags);
        Assert.DoesNotContain(NonCrmId, seen);
        Assert.DoesNotContain(DeletedId, seen);
    }

    [Fact]
    public async Task Default_page_holds_up_to_200_users()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync("crm/v7/users", token);

        Assert.Equal(ListedUsers, answer.Body!["users"]!.AsArray().Count);
        Assert.Equal(200, answer.Body["info"]!["per_page"]!.GetValue<int>());
        Assert.False(answer.Body["info"]!["more_records"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("DeactiveUsers", new[] { InactiveId, "5725767000000020036" })]
    [InlineData("DeletedUsers", new[] { DeletedId })]
    [InlineData("NotConfirmedUsers", new[] { UnconfirmedId })]
    [InlineData("CurrentUser", new[] { SuperAdminId })]
    [InlineData("AdminUsers", new[] { SuperAdminId, BreakGlassId, "5725767000000020003", FallbackOwnerId })]
    public async Task Type_filter_selects_the_expected_users(string type, string[] expected)
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync($"crm/v7/users?type={type}", token);

        Assert.Equal(expected.Order(), Ids(answer).Order());
    }

    [Fact]
    public async Task Active_users_exclude_inactive_deleted_and_non_crm_users()
    {
        var token = await Zoho.AccessTokenAsync();
        var ids = Ids(await Zoho.GetAsync("crm/v7/users?type=ActiveUsers", token));

        Assert.Equal(ListedUsers - 2, ids.Count);
        Assert.DoesNotContain(InactiveId, ids);
        Assert.Contains(UnconfirmedId, ids);
    }

    [Fact]
    public async Task Ids_filter_returns_only_those_users()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync($"crm/v7/users?ids={LeaverId},{ManagerId}", token);

        Assert.Equal(new[] { ManagerId, LeaverId }.Order(), Ids(answer).Order());
    }

    [Fact]
    public async Task Nothing_matching_answers_204_without_a_body()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync("crm/v7/users?type=DeveloperUsers", token);

        Assert.Equal(HttpStatusCode.NoContent, answer.Status);
        Assert.Null(answer.Body);
    }

    [Theory]
    [InlineData("type=NoSuchType", "type")]
    [InlineData("per_page=201", "per_page")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("ids=1,x'or'1", "ids")]
    public async Task Bad_parameters_answer_invalid_data_naming_the_parameter(string query, string parameter)
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync($"crm/v7/users?{query}", token);

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_DATA"), (answer.Status, answer.Code));
        Assert.Equal(parameter, answer.Details!["param_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_user_has_zoho_shape_with_reporting_to()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync($"crm/v7/users/{LeaverId}", token);

        var user = answer.Body!["users"]!.AsArray().Single()!;
        Assert.Equal(LeaverEmail, user["email"]!.GetValue<string>());
        Assert.Equal("Liam Carter", user["full_name"]!.GetValue<string>());
        Assert.Equal(ManagerId, user["Reporting_To"]!["id"]!.GetValue<string>());
        Assert.Equal("Maria Lopez", user["Reporting_To"]!["name"]!.GetValue<string>());
        Assert.Equal(DefaultOrg.Roles.SalesRepNa, user["role"]!["id"]!.GetValue<string>());
        Assert.True(user["confirm"]!.GetValue<bool>());
    }

    [Fact]
    public async Task User_without_manager_has_null_reporting_to()
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync($"crm/v7/users/{LeaverWithoutManagerId}", token);

        var user = answer.Body!["users"]![0]!.AsObject();
        Assert.True(user.ContainsKey("Reporting_To"));
        Assert.Null(user["Reporting_To"]);
    }

    [Theory]
    [InlineData("5725767000000099999")]
    [InlineData(NonCrmId)]
    [InlineData("not-an-id")]
    public async Task Unknown_user_answers_invalid_data(string id)
    {
        var token = await Zoho.AccessTokenAsync();
        var answer = await Zoho.GetAsync($"crm/v7/users/{id}", token);

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_DATA"), (answer.Status, answer.Code));
    }

    private static List<string> Ids(ZohoAnswer answer) =>
        answer.Body?["users"] is JsonArray users ? [.. users.Select(u => u!["id"]!.GetValue<string>())] : [];
}
