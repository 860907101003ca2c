using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Tests.Hosting.TestFunctions;
using Offboarding.LocalHost.Timers;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Timers;

/// <summary>Standalone timers against a real Azurite: one instance at a time holds the lease and fires the timer.</summary>
public sealed class TimerLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ConcurrentQueue<(string Instance, TimerInfo Info)> _ticks = new();

    [Fact]
    public async Task Of_two_instances_only_the_lease_holder_fires_and_the_other_takes_over_when_it_stops()
    {
        var table = AzuriteFixture.UniqueName("leases");
        var hosts = new Dictionary<string, FunctionAppHost>
        {
            ["A"] = await StartAsync("A", "* * * * * *", table),
            ["B"] = await StartAsync("B", "* * * * * *", table),
        };
        try
        {
            await Eventually.HoldsAsync(() => _ticks.Count >= 4, "four ticks fired");
            var holder = Assert.Single(_ticks.Select(t => t.Instance).Distinct());
            var other = holder == "A" ? "B" : "A";

            // A graceful stop releases the lease, so the other instance need not wait for it to expire.
            await hosts[holder].DisposeAsync();
            hosts.Remove(holder);

            await Eventually.HoldsAsync(() => _ticks.Any(t => t.Instance == other), $"instance {other} took over");
            Assert.Equal([other], _ticks.SkipWhile(t => t.Instance != other).Select(t => t.Instance).Distinct());
        }
        finally
        {
            foreach (var host in hosts.Values)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_occurrence_missed_while_no_instance_ran_fires_once_at_start_as_past_due()
    {
        var tableName = AzuriteFixture.UniqueName("leases");
        var table = new TableClient(azurite.ConnectionString, tableName);
        await table.CreateIfNotExistsAsync();
        var lastRun = DateTimeOffset.UtcNow.AddHours(-3);
        await table.AddEntityAsync(new TableEntity("timer", "RecordTimer")
        {
            ["Owner"] = "an instance that died",
            ["ExpiresOn"] = DateTimeOffset.UtcNow.AddMinutes(-5),
            ["LastScheduled"] = lastRun,
        });

        await using var host = await StartAsync("A", "0 0 * * * *", tableName);

        await Eventually.HoldsAsync(() => !_ticks.IsEmpty, "the missed run fired");
        var (_, info) = Assert.Single(_ticks);
        Assert.True(info.IsPastDue);
        Assert.Equal(lastRun.ToUnixTimeMilliseconds(), new DateTimeOffset(info.ScheduleStatus!.Last, TimeSpan.Zero).ToUnixTimeMilliseconds());
        Assert.True(info.ScheduleStatus.Next > DateTime.UtcNow);
    }

    [Fact]
    public async Task A_lease_held_by_a_live_instance_is_not_taken()
    {
        var tableName = AzuriteFixture.UniqueName("leases");
        var table = new TableClient(azurite.ConnectionString, tableName);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("timer", "RecordTimer")
        {
            ["Owner"] = "another live instance",
            ["ExpiresOn"] = DateTimeOffset.UtcNow.AddMinutes(10),
            ["LastScheduled"] = DateTimeOffset.UtcNow.AddHours(-3),
        });

        await using var host = await StartAsync("A", "* * * * * *", tableName);

        // Three lease checks span several one-second occurrences: each found the lease held and ran nothing.
        await Eventually.HoldsAsync(() => host.Logs.Lines.Count(l => l.Contains("another instance holds the lease", StringComparison.Ordinal)) >= 3, "the lease was checked three times");

        Assert.Empty(_ticks);
        Assert.Equal("another live instance", (await table.GetEntityIfExistsAsync<TableEntity>("timer", "RecordTimer")).Value!.GetString("Owner"));
    }

    [Fact]
    public async Task An_invalid_schedule_stops_the_app_from_starting_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => StartAsync("A", "*/5 * * * *", AzuriteFixture.UniqueName("leases")));

        Assert.Contains("six", error.Message, StringComparison.Ordinal);
    }

    private Task<FunctionAppHost> StartAsync(string instance, string schedule, string leaseTable) =>
        FunctionAppHost.StartAsync(
            (services, _) =>
            {
                services.AddSingleton(new RecordingTimerFunction(instance, _ticks));
                services.Configure<TimerTriggerOptions>(o =>
                {
                    o.LeaseTable = leaseTable;
                    o.LeaseDuration = TimeSpan.FromSeconds(10); // renewed every 2.5 s: slack for a loaded machine
                });
            },
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString, [TestTimerTriggers.ScheduleSetting] = schedule },
            typeof(TestTimerTriggers));
}
