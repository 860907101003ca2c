using System.Text.Json;
using Azure.Messaging;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

[Collection(PipelineTestGroup.Name)]
public sealed class EventGridTests : SandboxResetTest
{
    public EventGridTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task With_a_topic_configured_each_event_also_goes_to_event_grid_with_the_same_id()
    {
        await using var topic = await EventGridTopicDouble.StartAsync();
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["Events:EventGridEndpoint"] = topic.Endpoint.ToString(),
            ["Events:EventGridKey"] = "topic-access-key-for-the-test",
        });
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail, ""","dryRun":true""")));
        var id = JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;
        await pipeline.DrainRequestsAsync();

        var queued = Assert.Single(await pipeline.EventsForAsync(id));
        var post = Assert.Single(topic.Posts);
        Assert.Equal("topic-access-key-for-the-test", post.Key);
        Assert.StartsWith("application/cloudevents-batch+json", post.ContentType, StringComparison.Ordinal);
        var sent = Assert.Single(CloudEvent.ParseMany(BinaryData.FromString(post.Body)));
        Assert.Equal(queued.Id, sent.Id);
        Assert.Equal("com.northwind.offboarding.dry_run", sent.Type);
        Assert.Equal(id, sent.Subject);
        Assert.DoesNotContain(Users.LeaverEmail, post.Body, StringComparison.OrdinalIgnoreCase);
    }
}
