using Offboarding.Functions.Domain;
using TestSupport;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Storage that does not answer (Azurite stopped): clear answers, nothing lost, the functions keep serving.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class StorageDownTests : SandboxResetTest
{
    public StorageDownTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Intake_answers_503_with_a_problem_body_and_health_names_storage_then_both_recover()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await azurite.StopAsync();
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Zoho:MaxRetries"] = "0",
        });
        var request = PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail));

        var refused = await pipeline.PostAsync(request);
        var health = await pipeline.Http("Health").RunAsync(PipelineHarness.Request("GET", "health", ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>()), CancellationToken.None);

        Assert.Equal(503, refused.StatusCode);
        Assert.Contains("storage-unavailable", refused.Body, StringComparison.Ordinal);
        Assert.Equal(503, health.StatusCode);
        Assert.Contains("unreachable", health.Body, StringComparison.Ordinal);

        // The sender retries once storage is back: the same request is taken, and stored once.
        await azurite.RestartAsync();
        await pipeline.Storage.CreateAsync(CancellationToken.None);
        var accepted = await pipeline.PostAsync(request);
        Assert.Equal(202, accepted.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(accepted.Body!).RootElement.GetProperty("id").GetString()!;
        Assert.Equal(OffboardingState.Accepted, (await pipeline.GetAsync(id)).State);
    }
}
