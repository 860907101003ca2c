using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Hosting;
using Offboarding.Functions.Tests.Hosting.TestFunctions;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Tests.Hosting.CustomHandler;

/// <summary>The timer trigger's payload, including the null schedule status sub-minute schedules get.</summary>
public sealed class TimerPayloadTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Instance, TimerTriggerInfo Info)> _ticks = new();
    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync(
        FunctionHostingMode.CustomHandler,
        services => services.AddSingleton<ITimerFunction>(new RecordingTimerFunction("*/30 * * * * *", "host", _ticks)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Schedule_status_and_past_due_are_passed_on()
    {
        var payload = """
            { "Data": { "timer": { "Schedule": { "AdjustForDST": true },
                                   "ScheduleStatus": { "Last": "2026-03-01T10:15:00+00:00", "Next": "2026-03-01T10:20:00+00:00", "LastUpdated": "2026-03-01T10:16:00+00:00" },
                                   "IsPastDue": true } },
              "Metadata": { "sys": { "MethodName": "RecordTimer", "UtcNow": "2026-03-01T10:21:00Z" } } }
            """;

        var (status, _) = await HostInvocation.PostAsync(_host.Client, "RecordTimer", payload);

        Assert.Equal(200, status);
        var (_, info) = Assert.Single(_ticks);
        Assert.True(info.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero), info.Last);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 20, 0, TimeSpan.Zero), info.Next);
    }

    [Theory]
    [InlineData("""{ "Data": { "timer": { "Schedule": {}, "ScheduleStatus": null, "IsPastDue": false } }, "Metadata": {} }""")]
    [InlineData("""{ "Data": { "timer": { "Schedule": {}, "ScheduleStatus": { "Last": "0001-01-01T00:00:00", "Next": "0001-01-01T00:00:00", "LastUpdated": "garbage" }, "IsPastDue": false } }, "Metadata": {} }""")]
    [InlineData("""{ "Data": { "timer": "{\"Schedule\":{},\"ScheduleStatus\":null,\"IsPastDue\":false}" }, "Metadata": {} }""")]
    public async Task Missing_or_odd_schedule_status_is_read_as_unknown(string payload)
    {
        var (status, _) = await HostInvocation.PostAsync(_host.Client, "RecordTimer", payload);

        Assert.Equal(200, status);
        var (_, info) = Assert.Single(_ticks);
        Assert.False(info.IsPastDue);
        Assert.Null(info.Last);
        Assert.Null(info.Next);
    }

    [Fact]
    public async Task No_standalone_timer_runs_in_custom_handler_mode()
    {
        // The host owns the timer here; a second driver inside the handler would double every poll.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Empty(_ticks);
        Assert.DoesNotContain(_host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
            s => s.GetType().Namespace?.StartsWith("Offboarding", StringComparison.Ordinal) == true);
    }
}
