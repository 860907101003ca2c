using System.Text.Json.Nodes;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>
/// Issue 29: the compiled template subscribes the sample subscriber to the topic in the CloudEvents 1.0 schema, for
/// completed and failed only, with a retry policy, and dead-letters what it cannot deliver to a blob container that the
/// topic's own identity may write.
/// </summary>
public sealed class EventSubscriptionTests
{
    private const string SubscriptionType = "Microsoft.EventGrid/topics/eventSubscriptions";
    private const string Endpoint = "https://func-subscriber.azurewebsites.net/api/eventgrid?code=the-function-key";

    private static CompiledTemplate Template => CompiledTemplate.Instance;

    private static ArmExpression WithSubscriber(string prefix = "com.contoso") => Template.Expressions(new Dictionary<string, JsonNode?>
    {
        ["subscriberEndpointUrl"] = Endpoint,
        ["eventTypePrefix"] = prefix,
    });

    private static JsonNode Properties(ArmExpression expressions) =>
        expressions.Evaluate(Template.Single(SubscriptionType)["properties"])!;

    [Fact]
    public void The_subscription_delivers_cloudevents_1_0_to_the_subscribers_webhook()
    {
        var properties = Properties(WithSubscriber());

        Assert.Equal("CloudEventSchemaV1_0", (string?)properties["eventDeliverySchema"]);
        Assert.Equal("WebHook", (string?)properties["destination"]!["endpointType"]);
        Assert.Equal(Endpoint, (string?)properties["destination"]!["properties"]!["endpointUrl"]);
        Assert.Equal("CloudEventSchemaV1_0", (string?)Template.Expressions().Evaluate(Template.Single("Microsoft.EventGrid/topics")["properties"])!["inputSchema"]);
    }

    [Fact]
    public void The_subscription_filters_on_the_completed_and_failed_types_of_the_apps_prefix()
    {
        var filter = Properties(WithSubscriber("com.northwind"))["filter"]!;

        Assert.Equal(["com.northwind.offboarding.completed", "com.northwind.offboarding.failed"], filter["includedEventTypes"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public void Failed_deliveries_are_retried_for_a_day_then_dead_lettered_to_a_blob_container_with_the_topics_identity()
    {
        var expressions = WithSubscriber();
        var properties = Properties(expressions);

        Assert.Equal(30, (int)properties["retryPolicy"]!["maxDeliveryAttempts"]!);
        Assert.Equal(1440, (int)properties["retryPolicy"]!["eventTimeToLiveInMinutes"]!);
        var deadLetter = properties["deadLetterWithResourceIdentity"]!;
        Assert.Equal("SystemAssigned", (string?)deadLetter["identity"]!["type"]);
        Assert.Equal("StorageBlob", (string?)deadLetter["deadLetterDestination"]!["endpointType"]);
        var container = (string?)deadLetter["deadLetterDestination"]!["properties"]!["blobContainerName"];
        Assert.Equal("eventgrid-deadletter", container);
        Assert.StartsWith("resourceId(Microsoft.Storage/storageAccounts,", (string?)deadLetter["deadLetterDestination"]!["properties"]!["resourceId"], StringComparison.Ordinal);

        // The container exists, and the topic's identity (system-assigned) may write blobs to it and to nothing else.
        Assert.Contains(Template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"), c => expressions.EvaluateText(c["name"])!.EndsWith($"/{container}", StringComparison.Ordinal));
        Assert.Equal("SystemAssigned", (string?)Template.Single("Microsoft.EventGrid/topics")["identity"]!["type"]);
        var topicRoles = Template.Instances("Microsoft.Authorization/roleAssignments", expressions)
            .Select(r => (Properties: r.Expressions.Evaluate(r.Resource["properties"])!, Scope: r.Expressions.EvaluateText(r.Resource["scope"])))
            .Where(r => ((string?)r.Properties["principalId"])!.StartsWith("reference(resourceId(Microsoft.EventGrid/topics,", StringComparison.Ordinal))
            .ToList();
        var role = Assert.Single(topicRoles);
        Assert.EndsWith("ba92f5b4-2d11-453d-a403-e96b0029c9fe)", (string?)role.Properties["roleDefinitionId"], StringComparison.Ordinal); // Storage Blob Data Contributor
        Assert.EndsWith($",default,{container})", role.Scope, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_subscriber_endpoint_or_a_topic_there_is_no_subscription()
    {
        var condition = Template.Single(SubscriptionType)["condition"];

        Assert.True(WithSubscriber().Evaluate(condition)!.GetValue<bool>());
        Assert.False(Template.Expressions().Evaluate(condition)!.GetValue<bool>());
        Assert.False(Template.Expressions(new Dictionary<string, JsonNode?> { ["subscriberEndpointUrl"] = Endpoint, ["enableEventGrid"] = false }).Evaluate(condition)!.GetValue<bool>());
    }
}
