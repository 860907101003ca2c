using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Offboarding.LocalHost;
using Offboarding.LocalHost.Queues;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>host.json is what Azure runs, and the local host reads the very same values.</summary>
public sealed class HostJsonTests
{
    private static readonly string HostJsonPath = Path.Combine(RepositoryRoot.Path, HostJsonConfiguration.FileName);

    [Fact]
    public void Host_json_is_an_isolated_worker_host_json_with_the_queue_semantics()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(HostJsonPath));
        var root = document.RootElement;

        Assert.Equal("2.0", root.GetProperty("version").GetString());

        // Only what an isolated-worker app's host.json holds: the worker brings its own extensions (no bundle) and is
        // started by the host as the worker (no handler section).
        // The host emits OpenTelemetry (as the app does: Diagnostics/), so no Application Insights settings.
        Assert.Equal(["extensions", "functionTimeout", "logging", "singleton", "telemetryMode", "version"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("OpenTelemetry", root.GetProperty("telemetryMode").GetString());
        var queues = root.GetProperty("extensions").GetProperty("queues");
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.True(root.GetProperty("logging").TryGetProperty("logLevel", out _));
    }

    [Fact]
    public void The_poll_timers_singleton_lock_passes_to_another_instance_within_half_a_minute_in_both_hosts()
    {
        // A dead instance's lock lapses after the period; another takes it at its next try: the poll (and with it the sweep
        // that reconciles a dead instance's claims) stops for no longer than that.
        using var document = JsonDocument.Parse(File.ReadAllText(HostJsonPath));
        var singleton = document.RootElement.GetProperty("singleton");
        var period = TimeSpan.Parse(singleton.GetProperty("listenerLockPeriod").GetString()!, CultureInfo.InvariantCulture);
        var recovery = TimeSpan.Parse(singleton.GetProperty("listenerLockRecoveryPollingInterval").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(period + recovery, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));

        var configuration = new ConfigurationBuilder();
        configuration.AddHostJson(HostJsonPath);
        Assert.Equal(period, configuration.Build().GetValue<TimeSpan>(HostJsonConfiguration.ListenerLockPeriodKey));
    }

    [Fact]
    public void The_local_hosts_queue_settings_are_the_host_json_values()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(HostJsonPath));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
        var configuration = new ConfigurationBuilder();
        configuration.AddHostJson(HostJsonPath);

        var options = configuration.Build().GetSection(HostJsonConfiguration.QueuesSection).Get<QueueTriggerOptions>()!;

        Assert.Equal(queues.GetProperty("batchSize").GetInt32(), options.BatchSize);
        Assert.Equal(queues.GetProperty("newBatchThreshold").GetInt32(), options.NewBatchThreshold);
        Assert.Equal(TimeSpan.Parse(queues.GetProperty("maxPollingInterval").GetString()!, System.Globalization.CultureInfo.InvariantCulture), options.MaxPollingInterval);
        Assert.Equal(TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture), options.VisibilityTimeout);
        Assert.Equal(queues.GetProperty("maxDequeueCount").GetInt32(), options.MaxDequeueCount);
        Assert.Equal(queues.GetProperty("messageEncoding").GetString(), options.MessageEncoding);
    }

    [Fact]
    public void The_http_route_prefix_the_local_host_maps_is_the_host_json_one()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(HostJsonPath));
        var configuration = new ConfigurationBuilder();
        configuration.AddHostJson(HostJsonPath);

        Assert.Equal(
            document.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString(),
            HostJsonConfiguration.RoutePrefix(configuration.Build()));
    }

    [Fact]
    public void A_missing_host_json_is_a_clear_startup_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHostJson(Path.Combine(Path.GetTempPath(), "no-such-dir", "host.json")));

        Assert.Contains("host.json", error.Message, StringComparison.Ordinal);
    }
}
