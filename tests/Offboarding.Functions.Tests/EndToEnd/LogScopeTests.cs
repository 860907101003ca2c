using System.Text.Json;
using Offboarding.Functions.Domain;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Each step's work on an offboarding is logged inside a scope that carries the offboarding id.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class LogScopeTests : SandboxResetTest
{
    public LogScopeTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Intake_transfer_and_poll_log_inside_a_scope_naming_the_offboarding()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail)));
        var id = JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;
        await pipeline.DrainRequestsAsync();
        await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);

        foreach (var step in new[] { "Intake.OffboardingIntake", "Transfer.TransferHandler", "Transfer.PollHandler" })
        {
            Assert.Contains(pipeline.Logs.Lines, line => line == $"Offboarding.Functions.{step} scope: OffboardingId={id}");
        }
    }
}
