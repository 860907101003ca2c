using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using TestSupport;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>
/// What one offboarding costs in storage calls after the intake, call by call: the transfer step's and the poll's. A
/// storage call is most of the work the pipeline does per offboarding (and what a storage account bills), so a change
/// that adds one shows up here and has to say why.
/// </summary>
[Collection(PipelineTestGroup.Name)]
public sealed class OffboardingStorageCallsTests : SandboxResetTest
{
    private const string Record = "/" + StorageNames.OffboardingTable;
    private const string Due = "/" + StorageNames.DueIndexTable;
    private const string Slots = "/" + StorageNames.JobSlotTable;
    private const string Events = "/" + StorageNames.EventQueue + "/messages";

    public OffboardingStorageCallsTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_user_transfer_costs_fifteen_storage_calls_to_submit_and_nine_to_complete()
    {
        // Jobs done at once: the first status poll finds the job completed (a poll that finds it running costs a write).
        var org = LeaverOrg.Generate(2);
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 0 });
        await ClearSharedWorkAsync(); // other tests' messages and due rows would add their calls
        // One job slot: the second offboarding takes the row the first one made and freed (a PUT; a new row is a POST).
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Transfer:MaxConcurrentJobs"] = "1" });
        await RunOneAsync(pipeline, org.Leavers[0].Email); // the token, the slot row and the tables exist from here on

        pipeline.StorageCalls.Clear();
        var id = await SendAsync(pipeline, org.Leavers[1].Email);
        pipeline.StorageCalls.Clear();
        await pipeline.DrainRequestsAsync();
        var submit = pipeline.StorageCalls.Take().Select(WithoutKeys).Where(c => !c.Contains("/" + StorageNames.RequestQueue + "/", StringComparison.Ordinal) && !IsCreditUpkeep(c)).ToList();
        var (record, polls) = await WaitForCompletionAsync(pipeline, id);
        var complete = polls.Select(WithoutKeys).Where(c => c != "GET " + Due && !IsCreditUpkeep(c)).ToList();

        Assert.Equal(OffboardingState.Completed, record.State);
        Assert.Equal(
        [
            "GET " + Record,                   // the record
            "GET " + Slots, "PUT " + Slots,    // a job slot
            "PUT " + Due, "PUT " + Record,     // claimed as Submitting, due after the lease
            "DELETE " + Due,                   // the intake's first-delivery check, no longer needed (ADR 010)
            "GET " + Record, "GET " + Record,  // is the manager leaving? the leaver index by their email and by their Zoho id
            "GET /" + StorageNames.BatchTable, // or waiting to start in a layoff batch? the batch index by their email
            "POST " + Events,                  // the submitted event, hidden
            "PUT " + Due, "PUT " + Record, "DELETE " + Due, // Submitted with the event's receipt, due at the first poll
            "PUT " + Events, "PUT " + Record,  // revealed, marked published
        ], submit);
        Assert.Equal(
        [
            "GET " + Record,                                         // the record
            "GET " + Slots, "PUT " + Slots, "GET " + Slots,          // its slot freed, nobody waiting
            "POST " + Events,                                        // the completed event, hidden
            "PUT " + Record,                                         // Completed with the event's receipt (still due)
            "PUT " + Events, "PUT " + Record, "DELETE " + Due,       // revealed, marked published, nothing due
        ], complete);
    }

    /// <summary>The credit gate's own upkeep, per instance and time rather than per offboarding: its "credits out" mark read at
    /// most every 5 s, and its spend written per minute bucket 2 s after a Zoho call (docs/adr/006-zoho-api-credits.md).</summary>
    private static bool IsCreditUpkeep(string call) =>
        call is "GET /" + StorageNames.CreditTable or "PUT /" + StorageNames.CreditTable;

    private static async Task RunOneAsync(PipelineHarness pipeline, string email)
    {
        var id = await SendAsync(pipeline, email);
        await pipeline.DrainRequestsAsync();
        var (record, _) = await WaitForCompletionAsync(pipeline, id);
        Assert.Equal(OffboardingState.Completed, record.State);
    }

    private static async Task<string> SendAsync(PipelineHarness pipeline, string email)
    {
        var answer = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", email)));
        Assert.Equal(202, answer.StatusCode);
        using var body = JsonDocument.Parse(answer.Body!);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Runs poll cycles until the offboarding has ended; returns it and the poll's storage calls (its own reads left out).</summary>
    private static async Task<(OffboardingRecord Record, List<string> Calls)> WaitForCompletionAsync(PipelineHarness pipeline, string id)
    {
        var calls = new List<string>();
        var record = await Eventually.ReturnsAsync(
            async () =>
            {
                await pipeline.Poll.RunCycleAsync(CancellationToken.None);
                calls.AddRange(pipeline.StorageCalls.Take());
                var current = await pipeline.GetAsync(id);
                pipeline.StorageCalls.Clear();
                return current;
            },
            r => r.State.IsTerminal() && r.PendingEvents.Count == 0,
            $"offboarding {id} ended and published its events",
            within: TimeSpan.FromMinutes(1),
            every: TimeSpan.FromMilliseconds(100),
            describe: r => Task.FromResult($"{r.State}, {r.PendingEvents.Count} events pending"));
        return (record, calls);
    }

    // Entity paths carry their keys ("/offboardings(PartitionKey='…',RowKey='…')"): calls of one kind read alike without them.
    private static string WithoutKeys(string call) => call.Split('(')[0];
}
