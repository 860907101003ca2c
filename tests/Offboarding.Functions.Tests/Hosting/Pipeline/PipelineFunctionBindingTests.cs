using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Hosting;
using Offboarding.Functions.Tests.Hosting.Deployment;

namespace Offboarding.Functions.Tests.Hosting.Pipeline;

/// <summary>The function.json files and the pipeline's registered functions describe the same functions.</summary>
public sealed class PipelineFunctionBindingTests
{
    private const string ProbeSchedule = "13 */7 * * * *";

    private static FunctionCatalog Catalog()
    {
        var settings = SampleSettings.Values().ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value);
        settings["Poll:Schedule"] = ProbeSchedule;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOffboardingPipeline(configuration);
        return new FunctionCatalog(services.BuildServiceProvider());
    }

    [Fact]
    public void Every_registered_function_has_a_function_json_and_every_function_json_a_function()
    {
        var catalog = Catalog();
        var registered = catalog.Http.Select(f => f.Name).Concat(catalog.Queue.Select(f => f.Name)).Concat(catalog.Timer.Select(f => f.Name));

        Assert.Equal(FunctionJsonFiles.InSourceTree().Keys.Order(StringComparer.Ordinal), registered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Http_routes_and_methods_agree()
    {
        var files = FunctionJsonFiles.InSourceTree();
        foreach (var function in Catalog().Http)
        {
            var trigger = FunctionJsonFiles.Trigger(files[function.Name]);
            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(function.Route, trigger.GetProperty("route").GetString());
            Assert.Equal(
                function.Methods.Select(m => m.ToUpperInvariant()).Order(),
                trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order());
        }
    }

    [Fact]
    public void The_queue_trigger_listens_on_the_queue_the_function_declares()
    {
        var files = FunctionJsonFiles.InSourceTree();
        var function = Assert.Single(Catalog().Queue);

        var trigger = FunctionJsonFiles.Trigger(files[function.Name]);
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(function.QueueName, trigger.GetProperty("queueName").GetString());
    }

    [Fact]
    public void The_timer_function_json_names_the_setting_the_function_takes_its_schedule_from()
    {
        var files = FunctionJsonFiles.InSourceTree();
        var function = Assert.Single(Catalog().Timer);

        var schedule = FunctionJsonFiles.Trigger(files[function.Name]).GetProperty("schedule").GetString();
        Assert.Equal("%Poll:Schedule%", schedule);
        Assert.Equal(ProbeSchedule, function.Schedule);
    }

    [Fact]
    public void The_transfer_functions_last_attempt_is_the_queues_last_attempt()
    {
        // The transfer function marks a record failed on the attempt the queue trigger poisons; both must say 5.
        var configuration = new ConfigurationBuilder();
        configuration.AddHostJson(Path.Combine(TestSupport.RepositoryRoot.Path, HostJsonConfiguration.FileName));
        var hostJson = configuration.Build().GetValue<int>($"{HostJsonConfiguration.QueuesSection}:maxDequeueCount");

        Assert.Equal(hostJson, new Configuration.TransferOptions().MaxDequeueCount);
        Assert.Equal(hostJson.ToString(System.Globalization.CultureInfo.InvariantCulture), SampleSettings.Values()["Transfer__MaxDequeueCount"]);
    }
}
