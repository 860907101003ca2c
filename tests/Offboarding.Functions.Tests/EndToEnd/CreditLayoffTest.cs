using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>The credit tests' layoff (issue 26): <see cref="Leavers"/> generated people at Zoho's job limit 10 with 0.3 s jobs,
/// sent through a pipeline on a clean slate (an empty call log, nothing queued or due from earlier tests).</summary>
public abstract class CreditLayoffTest : SandboxResetTest, IAsyncLifetime
{
    protected const int Leavers = 100;

    protected CreditLayoffTest(PipelineFixture fixture)
        : base(fixture)
    {
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ClearSharedWorkAsync();

        // The exhaustion test counts poison messages: earlier tests' are theirs.
        await new Azure.Storage.Queues.QueueClient(Fixture.Azurite.ConnectionString, Storage.StorageNames.RequestPoisonQueue).ClearMessagesAsync();
    }

    /// <summary>Loads the org (with <paramref name="sandbox"/>'s changes to the sandbox), starts a pipeline whose slot waits
    /// re-check every second (with <paramref name="settings"/> besides) and sends everyone's webhook.</summary>
    internal async Task<(PipelineHarness Pipeline, LayoffRun Layoff)> StartLayoffAsync(
        Func<SandboxSettings, SandboxSettings> sandbox, IReadOnlyDictionary<string, string?> settings)
    {
        var org = LeaverOrg.Generate(Leavers);
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => sandbox(s with { ConcurrentJobLimit = 10, JobDurationSeconds = 0.3 }));
        await Fixture.Sandbox.Control.ClearCallLogAsync();
        var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>(settings) { ["Transfer:SlotWaitMaxDelay"] = "00:00:01" });
        try
        {
            return (pipeline, await LayoffRun.SendAsync(pipeline, org));
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>GET /api/zoho/usage</c>'s answer.</summary>
    internal static async Task<JsonDocument> UsageAsync(PipelineHarness pipeline)
    {
        var answer = await pipeline.OperatorAsync("GetZohoUsage", "GET", "zoho/usage");
        Assert.Equal(200, answer.StatusCode);
        return JsonDocument.Parse(answer.Body!);
    }
}
