using System.Text;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Tests.Contracts;

namespace Offboarding.Functions.Tests.Intake;

public sealed class OffboardingRequestReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly OffboardingRequestReader _reader = Published.Reader(Now);

    private RequestReadResult Read(string json) => _reader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_a_full_user_request()
    {
        var result = Read("""
            {"source":"Workday","sourceEventId":"evt-42","operation":"user_transfer_and_delete",
             "effectiveAt":"2026-03-31T17:00:00+02:00",
             "employee":{"workEmail":"Leaver@Example.com","hrisId":"E-1","name":"Lee Aver","zohoUserId":"111"},
             "transfer":{"to":{"email":"boss@example.com"},"records":true,"assignment":false,"criteria":true},
             "subordinates":{"zohoUserId":"222"},"dryRun":true}
            """);

        Assert.Empty(result.Problems);
        var request = result.Request!;
        Assert.Equal("workday", request.Source);
        Assert.Equal("evt-42", request.SourceEventId);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero), request.EffectiveAt);
        Assert.Equal("leaver@example.com", request.Employee!.WorkEmail);
        Assert.Equal("boss@example.com", request.Transfer.To!.Email);
        Assert.False(request.Transfer.Assignment);
        Assert.Equal("222", request.Subordinates!.ZohoUserId);
        Assert.True(request.DryRun);
    }

    [Fact]
    public void Defaults_apply_to_a_minimal_request()
    {
        var request = Read("""{"source":"hr","sourceEventId":"1","employee":{"workEmail":"a@b.co"}}""").Request!;
        Assert.Equal(OffboardingOperation.UserTransferAndDelete, request.Operation);
        Assert.True(request.Transfer.Records && request.Transfer.Assignment && request.Transfer.Criteria);
        Assert.Null(request.EffectiveAt);
        Assert.False(request.DryRun);
    }

    [Fact]
    public void Reads_role_and_portal_requests()
    {
        var role = Read("""{"source":"hr","sourceEventId":"r1","operation":"role_delete_and_transfer","role":{"roleId":"10","transferToRoleId":"20"}}""").Request!;
        Assert.Equal(new RoleTransfer("10", "20"), role.Role);

        var portal = Read("""{"source":"hr","sourceEventId":"p1","operation":"portal_user_type_transfer","portal":{"name":"Partners","fromUserTypeId":"1","toUserTypeId":"2","personalityIds":["5","6","5"]}}""").Request!;
        Assert.Equal(["5", "6"], portal.Portal!.PersonalityIds);
    }

    [Fact]
    public void Lists_every_problem_with_its_pointer()
    {
        var result = Read("""
            {"source":"bad source!","sourceEventId":42,"operation":"fire","effectiveAt":"tomorrow",
             "employee":{"workEmail":"not-an-email","zohoUserId":"12a","shoeSize":44},
             "transfer":{"records":false,"assignment":false,"criteria":false},"dryRun":"yes","extra":1}
            """);

        Assert.Null(result.Request);
        Assert.False(result.IsSyntaxError);
        var pointers = result.Problems.Select(p => p.Location).ToHashSet();
        foreach (var expected in new[]
        {
            "/source", "/sourceEventId", "/operation", "/effectiveAt", "/employee/workEmail", "/employee/zohoUserId",
            "/employee/shoeSize", "/transfer", "/dryRun", "/extra",
        })
        {
            Assert.Contains(expected, pointers);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"source\":\"a\",}")]
    [InlineData("nul")]
    [InlineData("{\"a\":1} trailing")]
    public void Unreadable_json_is_a_syntax_error(string json)
    {
        var result = Read(json);
        Assert.True(result.IsSyntaxError);
        Assert.Single(result.Problems);
    }

    [Theory]
    [InlineData("[]", "")]
    [InlineData("\"text\"", "")]
    [InlineData("""{"source":"hr","sourceEventId":"x' or 'a' eq 'a","employee":{"workEmail":"a@b.co"}}""", "/sourceEventId")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co","zohoUserId":"1 or 1=1"}}""", "/employee/zohoUserId")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co","name":"bad\u0000name"}}""", "/employee/name")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{}}""", "/employee")]
    [InlineData("""{"source":"hr","sourceEventId":"x"}""", "/employee")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":"a@b.co"}""", "/employee")]
    [InlineData("""{"sourceEventId":"x","employee":{"workEmail":"a@b.co"}}""", "/source")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co"},"effectiveAt":"2026-03-31T17:00:00"}""", "/effectiveAt")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co"},"effectiveAt":"2099-01-01T00:00:00Z"}""", "/effectiveAt")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"role_delete_and_transfer","role":{"roleId":"1","transferToRoleId":"1"}}""", "/role/transferToRoleId")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"portal_user_type_transfer","portal":{"name":"p","fromUserTypeId":"1","toUserTypeId":"2","personalityIds":[]}}""", "/portal/personalityIds")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"portal_user_type_transfer","portal":{"name":"p/../x","fromUserTypeId":"1","toUserTypeId":"2","personalityIds":["1"]}}""", "/portal/name")]
    [InlineData("""{"source":"hr","sourceEventId":"x","sourceEventId":"y","employee":{"workEmail":"a@b.co"}}""", "/sourceEventId")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co"},"transfer":{"to":{}}}""", "/transfer/to")]
    public void Invalid_content_names_the_field(string json, string location)
    {
        var result = Read(json);
        Assert.Null(result.Request);
        Assert.Contains(result.Problems, p => p.Location == location);
    }

    [Theory]
    [InlineData("""{"sourceEventId":"x","employee":{"workEmail":"a@b.co"}}""", "/source", "Required.")]
    [InlineData("""{"source":"hr","sourceEventId":"x"}""", "/employee", "Required for the user_transfer_and_delete operation.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{}}""", "/employee", "Needs workEmail or zohoUserId to find the Zoho user.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co","zohoUserId":"12a"}}""", "/employee/zohoUserId", "Must be a Zoho id: a string of 1 to 30 digits.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"nope"}}""", "/employee/workEmail", "Must be an email address.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co"},"dryRun":"yes"}""", "/dryRun", "Must be true or false, or null.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":"a@b.co"}""", "/employee", "Must be an object.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co","shoeSize":44}}""", "/employee/shoeSize", "Unknown property (names are case-sensitive).")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"fire","employee":{"workEmail":"a@b.co"}}""", "/operation", "Must be one of: user_transfer_and_delete, role_delete_and_transfer, portal_user_type_transfer.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"role_delete_and_transfer"}""", "/role", "Required for the role_delete_and_transfer operation.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"role_delete_and_transfer","role":{"roleId":"1"}}""", "/role/transferToRoleId", "Required.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"portal_user_type_transfer","portal":{"name":"p","fromUserTypeId":"1","toUserTypeId":"2","personalityIds":[]}}""", "/portal/personalityIds", "Must hold 1 to 1000 items.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","operation":"portal_user_type_transfer","portal":{"name":"p","fromUserTypeId":"1","toUserTypeId":"2","personalityIds":["1",2]}}""", "/portal/personalityIds/1", "Must be a string.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co","name":""}}""", "/employee/name", "Must be 1 to 200 characters long.")]
    [InlineData("""{"source":"hr","sourceEventId":"x","employee":{"workEmail":"a@b.co"},"transfer":{"to":{"email":null}}}""", "/transfer/to", "Needs zohoUserId or email.")]
    public void Each_problem_is_worded_for_a_person(string json, string location, string detail)
    {
        var problems = Read(json).Problems;

        Assert.Equal(new ValidationProblem(location, detail), Assert.Single(problems));
    }

    [Fact]
    public void The_schema_librarys_own_wording_never_reaches_the_sender()
    {
        var result = Read("""
            {"source":5,"sourceEventId":"","operation":7,"effectiveAt":false,"employee":{"workEmail":"x","zohoUserId":1,"hrisId":"-","name":7,"a":1},
             "transfer":{"to":[],"records":"no"},"subordinates":{},"role":{"roleId":"a"},"portal":{"name":"-","personalityIds":{}},"dryRun":[]}
            """);

        Assert.True(result.Problems.Count >= 15, string.Join("\n", result.Problems));
        Assert.All(result.Problems, p => Assert.DoesNotMatch("schema|regular expression|should be|\"", p.Detail));
    }

    [Fact]
    public void Huge_strings_are_refused()
    {
        var result = Read($$$"""{"source":"hr","sourceEventId":"{{{new string('a', 5000)}}}","employee":{"workEmail":"a@b.co","name":"{{{new string('n', 5000)}}}"}}""");
        Assert.Contains(result.Problems, p => p.Location == "/sourceEventId");
        Assert.Contains(result.Problems, p => p.Location == "/employee/name");
        Assert.All(result.Problems, p => Assert.True(p.Detail.Length < 200));
    }

    [Fact]
    public void Deep_nesting_is_refused_as_unreadable()
    {
        var json = new string('[', 100) + new string(']', 100);
        Assert.True(Read(json).IsSyntaxError);
    }
}
