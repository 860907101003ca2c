using Azure.Data.Tables;
using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Storage;
using TestSupport;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Functions.Tests.Soak;

/// <summary>
/// An app instance SIGKILLed inside a transfer call (the sandbox answers in 2-3 s, so calls are long), a fresh one started
/// beside it on the same storage: the dead instance's claim lapses within a minute, its job slot comes back, its
/// offboarding is reconciled by reading Zoho first, and the rest of the layoff goes on. Real processes, Azurite, sandbox.
/// </summary>
public sealed class InstanceKillTests
{
    private const int Leavers = 16;
    private const int JobLimit = 4;

    [Fact]
    public async Task An_instance_killed_inside_a_transfer_call_gives_its_slot_back_within_a_minute_and_its_offboarding_is_reconciled()
    {
        var org = LeaverOrg.Generate(Leavers);
        var sandbox = new SandboxOptions { JobDurationSeconds = 2, ConcurrentJobLimit = JobLimit, LatencyMinMs = 2000, LatencyMaxMs = 3000 };
        await using var deployment = await LocalDeployment.StartAsync(org, sandbox, persistentStorage: false);
        var settings = deployment.BaseSettings() with { MaxConcurrentJobs = JobLimit, ZohoConcurrency = 8 };
        var doomed = await deployment.StartAppAsync(settings);
        var storage = StorageAccount.Pipeline(deployment.Azurite.ConnectionString);
        var store = new OffboardingStore(storage);

        using var sender = new WebhookSender([doomed.BaseUri]);
        var ids = new List<string>();
        for (var i = 0; i < Leavers; i++)
        {
            ids.Add((await sender.SendUntilAcceptedAsync(org.Leavers[i], $"kill-{i:D3}", TimeSpan.FromMinutes(1), CancellationToken.None)).OffboardingId!);
        }

        // Once some jobs have run, the instance dies while one offboarding is inside its Zoho calls (whether it had shared the
        // job lengths it learned is left to chance: its slots must come back either way).
        await Eventually.ReturnsAsync(() => CountAsync(store, ids, OffboardingState.Completed), n => n >= 2, "two offboardings completed", TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(250));
        var victim = await Eventually.ReturnsAsync(() => SubmittingAsync(store, ids), id => id is not null, "an offboarding is inside its Zoho calls", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(20));
        await doomed.KillAsync();
        var sinceKill = System.Diagnostics.Stopwatch.StartNew();
        var completedAtKill = await CountAsync(store, ids, OffboardingState.Completed);
        await deployment.StartAppAsync(settings);

        var reconciled = await Eventually.ReturnsAsync(
            async () => (await store.GetAsync(victim!, CancellationToken.None))!.Record,
            r => r.Audit.Any(a => a.Step == "reconciling") && r.State is OffboardingState.Completed or OffboardingState.Verifying,
            "the killed instance's offboarding was reconciled",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(250));
        var left = TimeSpan.FromSeconds(60) - sinceKill.Elapsed;
        await Eventually.ReturnsAsync(() => HoldersAsync(storage), holders => !holders.Contains(victim), "its job slot was given back within a minute of the kill", left > TimeSpan.Zero ? left : TimeSpan.Zero, TimeSpan.FromMilliseconds(250),
            holders => HistoriesAsync(store, holders, sinceKill.Elapsed));

        // Completed if the call reached Zoho, else verifying (never sent a second time); the others go on (at once when
        // the instance held no slot; once they come back when it held them all).
        await Eventually.ReturnsAsync(() => CountAsync(store, ids, OffboardingState.Completed), n => n > completedAtKill, "the rest of the layoff went on", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));
        var leaver = org.Leavers[ids.IndexOf(victim!)].ZohoId;
        var accepted = (await deployment.Control.GetCallLogAsync()).Count(c => c.Endpoint == ZohoRoutes.TransferAndDelete && c.UserId == leaver && c.Status is >= 200 and < 300);
        Assert.Equal(reconciled.State == OffboardingState.Completed ? 1 : 0, accepted);

        // Every other claim the instance held when it died went the same way; the rest completed.
        await Eventually.ReturnsAsync(
            () => UnfinishedAsync(store, ids),
            unfinished => unfinished.Count == 0,
            "every offboarding completed, or verifying after a claim of the killed instance was reconciled",
            TimeSpan.FromMinutes(3),
            TimeSpan.FromMilliseconds(500));
        var calls = await deployment.Control.GetCallLogAsync();
        Assert.DoesNotContain(calls.Where(c => c.Endpoint == ZohoRoutes.TransferAndDelete && c.Status is >= 200 and < 300).GroupBy(c => c.UserId), g => g.Count() > 1);
    }

    private static async Task<IReadOnlyList<string>> UnfinishedAsync(OffboardingStore store, IEnumerable<string> ids)
    {
        var unfinished = new List<string>();
        foreach (var id in ids)
        {
            var record = (await store.GetAsync(id, CancellationToken.None))!.Record;
            var verifiedAfterKill = record.State == OffboardingState.Verifying && record.Audit.Any(a => a.Step == "reconciling");
            if (record.State != OffboardingState.Completed && !verifiedAfterKill)
            {
                unfinished.Add($"{id} {record.State}");
            }
        }

        return unfinished;
    }

    // What each slot holder went through, for a failure to show why its slot was not given back.
    private static async Task<string> HistoriesAsync(OffboardingStore store, IEnumerable<string?> holders, TimeSpan sinceKill)
    {
        var lines = new List<string> { $"{sinceKill.TotalSeconds:0.#} s after the kill, slots held by:" };
        foreach (var id in holders.OfType<string>())
        {
            var record = (await store.GetAsync(id, CancellationToken.None))?.Record;
            lines.Add($"{id} {record?.State}: {string.Join(" | ", record?.Audit.Select(a => $"{a.At:HH:mm:ss.fff} {a.Step} {a.Outcome} {a.Detail}") ?? [])}");
        }

        return string.Join("\n", lines);
    }

    private static async Task<int> CountAsync(OffboardingStore store, IEnumerable<string> ids, OffboardingState state)
    {
        var count = 0;
        foreach (var id in ids)
        {
            if ((await store.GetAsync(id, CancellationToken.None))?.Record.State == state)
            {
                count++;
            }
        }

        return count;
    }

    private static async Task<string?> SubmittingAsync(OffboardingStore store, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            if ((await store.GetAsync(id, CancellationToken.None))?.Record.State == OffboardingState.Submitting)
            {
                return id;
            }
        }

        return null;
    }

    private static async Task<HashSet<string?>> HoldersAsync(PipelineStorage storage)
    {
        var holders = new HashSet<string?>();
        await foreach (var slot in storage.JobSlots.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"slot"}")))
        {
            holders.Add(slot.GetString("Holder"));
        }

        return holders;
    }
}
