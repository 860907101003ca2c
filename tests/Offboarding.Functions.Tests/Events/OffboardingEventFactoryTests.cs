using System.Text.Json;
using Azure.Messaging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;

namespace Offboarding.Functions.Tests.Events;

public sealed class OffboardingEventFactoryTests
{
    private static readonly OffboardingEventFactory Factory = new(Options.Create(new EventsOptions { TypePrefix = "com.contoso", Source = "/offboarding/test" }), new SchemaLocation(new Uri("https://offboarding.contoso.example")));

    private static OffboardingRecord Record() => new()
    {
        Id = OffboardingId.From("hr", "e1"),
        Request = new OffboardingRequest
        {
            Source = "hr",
            SourceEventId = "e1",
            Employee = new EmployeeIdentity { WorkEmail = "secret.person@example.com", Name = "Secret Person" },
        },
        State = OffboardingState.Completed,
        ZohoJobId = "job-1",
        FinishedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    [Fact]
    public void Builds_a_cloudevent_1_0_with_stable_id_type_and_subject()
    {
        var record = Record();
        var first = Factory.Create(record, OffboardingOutcome.Completed);
        var again = Factory.Create(record, OffboardingOutcome.Completed);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("com.contoso.offboarding.completed", first.Type);
        Assert.Equal(record.Id, first.Subject);
        Assert.Equal("/offboarding/test", first.Source);
        Assert.Equal(OffboardingEventFactory.Serialize(first), OffboardingEventFactory.Serialize(again));
        Assert.NotEqual(first.Id, Factory.Create(record, OffboardingOutcome.Stalled).Id);
    }

    [Fact]
    public void Dry_run_type_uses_an_underscore() =>
        Assert.Equal("com.contoso.offboarding.dry_run", Factory.TypeOf(OffboardingOutcome.DryRun));

    [Fact]
    public void Serialized_event_parses_back_and_carries_no_personal_data()
    {
        var json = OffboardingEventFactory.Serialize(Factory.Create(Record(), OffboardingOutcome.Completed));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("1.0", doc.RootElement.GetProperty("specversion").GetString());
        Assert.Equal("job-1", doc.RootElement.GetProperty("data").GetProperty("zohoJobId").GetString());
        Assert.Equal("user_transfer_and_delete", doc.RootElement.GetProperty("data").GetProperty("operation").GetString());
        Assert.DoesNotContain("secret.person", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret Person", json, StringComparison.Ordinal);

        var parsed = CloudEvent.Parse(BinaryData.FromString(json))!;
        Assert.Equal("com.contoso.offboarding.completed", parsed.Type);
    }
}
