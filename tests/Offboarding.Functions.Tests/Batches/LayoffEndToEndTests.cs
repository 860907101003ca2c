using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Tests.EndToEnd;
using Xunit.Abstractions;
using Zoho.Crm.Sandbox.Fixtures;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>Issue 25's "Done when": a 500-row CSV at job limit 10 with 2 s jobs, with 3 protected users, 5 unknown emails,
/// 2 duplicates, 4 inactive people and two managers leaving with their teams; planned exactly, approved, run to the end
/// within ±25 % of its estimate, reported, and joined by a later webhook.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class LayoffEndToEndTests(PipelineFixture fixture, ITestOutputHelper output) : SandboxResetTest(fixture), IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ClearSharedWorkAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await Fixture.Sandbox.Control.ResetAsync();

    [Fact]
    public async Task A_500_row_layoff_is_planned_exactly_runs_within_its_estimate_and_is_reported()
    {
        var org = LeaverOrg.Generate(478);
        var inactive = org.Leavers.Take(2).ToList();
        foreach (var leaver in inactive)
        {
            org.Fixture.FindUser(leaver.ZohoId)!.Status = UserStatus.Inactive;
        }

        var leavingManagers = org.Leavers.Select(l => l.ManagerId).Distinct().Skip(3).Take(2).ToHashSet();
        await Fixture.Sandbox.Control.LoadOrgAsync(org.Fixture);
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { JobDurationSeconds = 2, ConcurrentJobLimit = 10 });
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?>
        {
            ["Transfer:MaxConcurrentJobs"] = "10",
            ["Transfer:ProtectedUsers"] = $"{Users.BreakGlassEmail},{Users.FallbackOwnerEmail}",
        });
        var batches = new BatchPipeline(pipeline);
        await LearnJobDurationsAsync(pipeline, ["mia.schulz@northwind.example", "tom.fischer@northwind.example", "henry.young@northwind.example"]);

        var rows = new List<string>();
        rows.AddRange(org.Leavers.Select(l => l.Email));
        rows.AddRange(leavingManagers.Select(m => org.Fixture.FindUser(m)!.Email));
        rows.AddRange([Users.BreakGlassEmail, Users.SuperAdminEmail, Users.FallbackOwnerEmail]);
        rows.AddRange(Enumerable.Range(1, 5).Select(i => $"unknown{i}@northwind.example"));
        rows.AddRange([org.Leavers[10].Email, org.Leavers[11].Email]);
        rows.AddRange([Users.InactiveEmail, "chris.nelson@northwind.example"]);
        rows.AddRange(["emma.brown@northwind.example", "ava.wilson@northwind.example", "ethan.davis@northwind.example", "lukas.meyer@northwind.example",
            "chloe.martin@northwind.example", "jonas.berg@northwind.example", "elena.novak@northwind.example", "zoe.hall@northwind.example"]);
        Assert.Equal(500, rows.Count);
        var csv = "workEmail,name\r\n" + string.Concat(rows.Select((email, i) => $"{email},Person {i}\r\n"));

        var created = await batches.SubmitCsvAsync(csv);

        Assert.Equal(201, created.StatusCode);
        var batch = JsonDocument.Parse(created.Body!).RootElement;
        var id = batch.GetProperty("id").GetString()!;
        var plan = batch.GetProperty("plan");
        Assert.Equal((3, 5, 2, 4, 486),
            (plan.GetProperty("protected").GetInt32(), plan.GetProperty("not_found").GetInt32(), plan.GetProperty("duplicate").GetInt32(),
             plan.GetProperty("inactive").GetInt32(), plan.GetProperty("ready").GetInt32()));
        var members = batch.GetProperty("members").EnumerateArray().ToList();
        var teams = members.Where(m => org.Leavers.Any(l => l.Email == m.GetProperty("workEmail").GetString() && leavingManagers.Contains(l.ManagerId))
            && m.GetProperty("plan").GetString() == "ready").ToList();
        Assert.NotEmpty(teams);
        Assert.All(teams, m => Assert.Equal(("manager_above", Users.SuperAdminId), (m.GetProperty("targetRule").GetString(), m.GetProperty("targetZohoId").GetString())));
        var estimate = batch.GetProperty("estimate").GetProperty("durationSeconds").GetDouble();

        Assert.Equal(0, await batches.Dispatcher.RunCycleAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal(200, (await batches.ActAsync<ApproveBatchHandler>(id)).StatusCode);
        var clock = Stopwatch.StartNew();
        var finished = await batches.RunUntilFinishedAsync(id, TimeSpan.FromMinutes(8));
        var actual = clock.Elapsed.TotalSeconds;

        output.WriteLine($"500 rows, 486 ready, job limit 10, 2 s jobs: estimate {estimate:0.0} s, actual {actual:0.0} s ({actual / estimate:0.00}x)");
        Assert.Equal((486, 0), (finished.GetProperty("progress").GetProperty("completed").GetInt32(), finished.GetProperty("progress").GetProperty("failed").GetInt32()));
        Assert.InRange(actual, estimate * 0.75, estimate * 1.25);

        var report = JsonDocument.Parse((await batches.ReportAsync(id, "json")).Body!).RootElement.GetProperty("people");
        Assert.Equal(500, report.GetArrayLength());
        var someone = report.EnumerateArray().First(p => p.GetProperty("outcome").GetString() == "completed");
        var webhook = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", someone.GetProperty("workEmail").GetString()!)));
        Assert.Equal(200, webhook.StatusCode);
        Assert.Equal(someone.GetProperty("offboardingId").GetString(), JsonDocument.Parse(webhook.Body!).RootElement.GetProperty("id").GetString());
    }

    /// <summary>What an org that ran offboardings before has: job durations learned from polls, which the estimate uses.</summary>
    private static async Task LearnJobDurationsAsync(PipelineHarness pipeline, IReadOnlyList<string> emails)
    {
        var ids = new List<string>();
        foreach (var email in emails)
        {
            var answer = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", email)));
            ids.Add(JsonDocument.Parse(answer.Body!).RootElement.GetProperty("id").GetString()!);
        }

        await pipeline.DrainRequestsAsync();
        foreach (var id in ids)
        {
            await pipeline.PollUntilAsync(id, r => r.State.IsTerminal());
        }
    }
}
