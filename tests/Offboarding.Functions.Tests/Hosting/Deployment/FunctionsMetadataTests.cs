using System.Reflection;
using System.Text.Json;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Storage;
using Offboarding.LocalHost;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>
/// The functions.metadata the Worker SDK generated from the attributes is what the Functions host in Azure reads: it
/// is checked here since no host can run on these machines, and against what the local host reads from the same attributes.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Metadata = new(Load);

    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "Intake", "offboardings", "post", "Function" },
        { "MergeIntake", "webhooks/merge", "post", "Function" },
        { "Rescind", "rescinds", "post", "Function" },
        { "Health", "health", "get", "Function" },

        // Operator routes: the operator identity (Easy Auth, or the operator key) instead of a function key.
        { "GetOffboarding", "offboardings/{id}", "get", "Anonymous" },
        { "ListOffboardings", "offboardings", "get", "Anonymous" },
        { "CountOffboardings", "offboardings/counts", "get", "Anonymous" },
        { "CancelOffboarding", "offboardings/{id}/cancel", "post", "Anonymous" },
        { "RetryOffboarding", "offboardings/{id}/retry", "post", "Anonymous" },
        { "GetHold", "holds", "get", "Anonymous" },
        { "ApproveHold", "holds/approve", "post", "Anonymous" },
        { "RejectHold", "holds/reject", "post", "Anonymous" },
        { "OpenApi", "openapi.json", "get", "Anonymous" },
        { "Schemas", "schemas/{name}", "get", "Anonymous" },
        { "Console", "console", "get", "Anonymous" },
        { "ConsoleAsset", "console/{name}", "get", "Anonymous" },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void Each_http_function_has_its_route_methods_and_authorization(string name, string route, string method, string authLevel)
    {
        var trigger = Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [InlineData("Transfer", StorageNames.RequestQueue)]
    [InlineData("TransferPoison", StorageNames.RequestPoisonQueue)]
    public void Each_queue_function_listens_on_its_queue_over_the_hosts_storage_connection(string name, string queue)
    {
        var trigger = Trigger(name);

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void The_poll_runs_on_the_schedule_setting_the_sample_settings_and_the_template_provide()
    {
        var trigger = Trigger("Poll");

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%POLL_SCHEDULE%", trigger.GetProperty("schedule").GetString());
        Assert.Contains("POLL_SCHEDULE", SampleSettings.Values().Keys);
        Assert.Contains("name: 'POLL_SCHEDULE'", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "main.bicep")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_host_finds_exactly_the_functions_the_functions_host_will_run()
    {
        var catalog = FunctionCatalog.Discover([typeof(IntakeFunctions).Assembly]);
        var local = catalog.Http.Select(f => $"{f.Function.Name} http {f.Route} {string.Join(',', f.Methods).ToUpperInvariant()}")
            .Concat(catalog.Queue.Select(f => $"{f.Function.Name} queue {f.QueueName}"))
            .Concat(catalog.Timer.Select(f => $"{f.Function.Name} timer {f.Schedule}"));
        var host = Metadata.Value.Select(pair => (Name: pair.Key, Trigger: TriggerOf(pair.Value))).Select(f => f.Trigger.GetProperty("type").GetString() switch
        {
            "httpTrigger" => $"{f.Name} http {f.Trigger.GetProperty("route").GetString()} {string.Join(',', f.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())).ToUpperInvariant()}",
            "queueTrigger" => $"{f.Name} queue {f.Trigger.GetProperty("queueName").GetString()}",
            "timerTrigger" => $"{f.Name} timer {f.Trigger.GetProperty("schedule").GetString()}",
            var other => $"{f.Name} {other}",
        });

        Assert.Equal(host.Order(StringComparer.Ordinal), local.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_build_ships_host_json_and_the_isolated_worker_config()
    {
        var folder = AppBuildFolder();

        Assert.True(File.Exists(Path.Combine(folder, "host.json")));
        using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "worker.config.json")));
        Assert.Equal("dotnet-isolated", worker.RootElement.GetProperty("description").GetProperty("language").GetString());
    }

    private static JsonElement Trigger(string name) =>
        TriggerOf(Metadata.Value.TryGetValue(name, out var function) ? function : throw new Xunit.Sdk.XunitException($"functions.metadata has no function {name}."));

    private static JsonElement TriggerOf(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static Dictionary<string, JsonElement> Load()
    {
        var path = Path.Combine(AppBuildFolder(), "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }

    // The app's own build output in this test assembly's configuration (the project reference builds it alongside).
    private static string AppBuildFolder()
    {
        var configuration = typeof(FunctionsMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(RepositoryRoot.Path, "functions", "Offboarding.Functions", "bin", configuration, "net10.0");
    }
}
