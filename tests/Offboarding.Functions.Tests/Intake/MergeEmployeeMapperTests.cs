using System.Text;
using Offboarding.Functions.Intake;

namespace Offboarding.Functions.Tests.Intake;

public sealed class MergeEmployeeMapperTests
{
    private static readonly OffboardingRequestReader Reader = new(new FixedTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private static string Payload(string status, string? terminationDate, string email = "leaver@example.com") => $$$"""
        {"hook":{"id":"h1","event":"Employee.changed","target":"https://x"},
         "linked_account":{"id":"la-1","integration":"BambooHR","category":"hris"},
         "data":{"id":"0958cbc6-6040-430a-848e-aafacbadf4ae","remote_id":"19202938","work_email":"{{{email}}}",
                 "first_name":"Lee","last_name":"Aver","employment_status":"{{{status}}}",
                 "termination_date":{{{(terminationDate is null ? "null" : $"\"{terminationDate}\"")}}}}}
        """;

    [Fact]
    public void Maps_an_inactive_employee_with_a_termination_date_to_a_canonical_request()
    {
        var mapping = MergeEmployeeMapper.Map(Encoding.UTF8.GetBytes(Payload("INACTIVE", "2026-02-01T00:00:00Z")));
        Assert.Equal(MergeMappingKind.Mapped, mapping.Kind);

        var request = Reader.Read(mapping.CanonicalJson).Request!;
        Assert.Equal("merge", request.Source);
        Assert.Equal("la-1:0958cbc6-6040-430a-848e-aafacbadf4ae:2026-02-01T00:00:00Z", request.SourceEventId);
        Assert.Equal("leaver@example.com", request.Employee!.WorkEmail);
        Assert.Equal("19202938", request.Employee.HrisId);
        Assert.Equal("Lee Aver", request.Employee.Name);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), request.EffectiveAt);
    }

    [Fact]
    public void A_bare_termination_date_means_midnight_utc()
    {
        var mapping = MergeEmployeeMapper.Map(Encoding.UTF8.GetBytes(Payload("INACTIVE", "2026-02-01")));
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), Reader.Read(mapping.CanonicalJson).Request!.EffectiveAt);
    }

    [Theory]
    [InlineData("ACTIVE", "2026-02-01T00:00:00Z")]
    [InlineData("PENDING", null)]
    [InlineData("INACTIVE", null)]
    public void An_employee_not_inactive_with_a_termination_date_is_staying_and_named_for_the_rescind(string status, string? terminationDate)
    {
        var mapping = MergeEmployeeMapper.Map(Encoding.UTF8.GetBytes(Payload(status, terminationDate)));

        Assert.Equal(MergeMappingKind.Staying, mapping.Kind);

        // Every offboarding of this employee has an event id with this start (see the leaver mapping).
        Assert.Equal("la-1:0958cbc6-6040-430a-848e-aafacbadf4ae:", mapping.EmployeeEventPrefix);
    }

    [Fact]
    public void A_change_without_an_employee_id_is_ignored() =>
        Assert.Equal(MergeMappingKind.Ignored, MergeEmployeeMapper.Map("{\"hook\":{},\"data\":{\"employment_status\":\"ACTIVE\"}}"u8.ToArray()).Kind);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"hook\":{}}")]
    [InlineData("{\"data\":{\"employment_status\":\"INACTIVE\",\"termination_date\":\"2026-01-01\"}}")]
    public void Unreadable_payloads_are_invalid(string body) =>
        Assert.Equal(MergeMappingKind.Invalid, MergeEmployeeMapper.Map(Encoding.UTF8.GetBytes(body)).Kind);

    [Fact]
    public void A_bad_email_is_left_for_the_reader_to_report()
    {
        var mapping = MergeEmployeeMapper.Map(Encoding.UTF8.GetBytes(Payload("INACTIVE", "2026-02-01", "nope")));
        Assert.Contains(Reader.Read(mapping.CanonicalJson).Problems, p => p.Location == "/employee/workEmail");
    }
}
