using System.Text.Json;
using Microsoft.OpenApi;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;

namespace Offboarding.Functions.Tests.Contracts;

/// <summary>
/// Every schema the app publishes is found where its id says, and every event type has one: an outcome added to the
/// domain without a schema for its data fails here.
/// </summary>
public sealed class PublishedSchemasTests
{
    public static TheoryData<OffboardingOutcome> Outcomes() => [.. Enum.GetValues<OffboardingOutcome>()];

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Every_outcome_has_a_published_schema_that_its_events_name_as_dataschema(OffboardingOutcome outcome)
    {
        var name = OffboardingEventFactory.DataSchemaName(outcome);

        Assert.True(PublishedDocuments.Schemas.ContainsKey(name), $"No Contracts/{name.Replace(".json", ".schema.json", StringComparison.Ordinal)} for {outcome}.");
        using var schema = JsonDocument.Parse(new PublishedDocuments().Read(PublishedDocuments.Schemas[name]));
        Assert.Equal(outcome.ToEventName(), schema.RootElement.GetProperty("properties").GetProperty("outcome").GetProperty("const").GetString());
    }

    [Fact]
    public void An_events_dataschema_is_where_the_deployment_serves_its_schema_and_the_served_schema_has_it_as_id()
    {
        var location = new SchemaLocation(new Uri("https://offboarding-prod.azurewebsites.net/"));
        var factory = new OffboardingEventFactory(Microsoft.Extensions.Options.Options.Create(new EventsOptions()), location);
        var name = OffboardingEventFactory.DataSchemaName(OffboardingOutcome.Completed);

        Assert.Equal(new Uri("https://offboarding-prod.azurewebsites.net/api/schemas/offboarding.completed.event.json"), factory.DataSchema(OffboardingOutcome.Completed));
        using var served = JsonDocument.Parse(location.Relocate(new PublishedDocuments().Read(PublishedDocuments.Schemas[name])));
        Assert.Equal(factory.DataSchema(OffboardingOutcome.Completed).AbsoluteUri, served.RootElement.GetProperty("$id").GetString());
        Assert.DoesNotContain(PublishedDocuments.SchemaBase, served.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_schema_has_its_published_url_as_id()
    {
        Assert.All(PublishedDocuments.Schemas.Keys, name => Assert.Equal(PublishedDocuments.SchemaId(name), Published.Schemas[name].Id));
    }

    [Fact]
    public void The_event_data_schema_lists_the_domains_outcomes_states_and_operations()
    {
        using var schema = JsonDocument.Parse(new PublishedDocuments().Read(PublishedDocuments.Schemas["offboarding-event.json"]));
        string[] Listed(string property) => [.. schema.RootElement.GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal)];

        Assert.Equal(ValuesOf<OffboardingOutcome>().Select(o => o.ToEventName()).Order(StringComparer.Ordinal), Listed("outcome"));
        Assert.Equal(ValuesOf<OffboardingState>().Select(s => s.ToWireName()).Order(StringComparer.Ordinal), Listed("state"));
        Assert.Equal(OffboardingOperationExtensions.ByWireName.Keys.Order(StringComparer.Ordinal), Listed("operation"));
    }

    [Fact]
    public void The_openapi_document_names_every_published_schema()
    {
        var document = OpenApiDocument.Parse(new PublishedDocuments().Read(PublishedDocuments.OpenApi), "json").Document!;
        var name = document.Paths["/schemas/{name}"].Operations![HttpMethod.Get].Parameters!.Single(p => p.Name == "name");

        Assert.Equal(PublishedDocuments.Schemas.Keys.Order(StringComparer.Ordinal), name.Schema!.Enum!.Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    private static T[] ValuesOf<T>()
        where T : struct, Enum => Enum.GetValues<T>();
}
