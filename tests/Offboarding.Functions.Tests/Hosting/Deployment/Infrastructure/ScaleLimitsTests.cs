using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>
/// Zoho's limits, not compute, bound this app (README.md, "Scale limits"): the template caps the instances so that all
/// of them together never make more Zoho calls at once than the org's edition allows, and host.json gives each instance
/// enough transfers in flight to keep its Zoho client busy without queueing far behind it.
/// </summary>
public sealed class ScaleLimitsTests
{
    private static CompiledTemplate Template => CompiledTemplate.Instance;

    [Fact]
    public void For_every_edition_the_instances_together_stay_within_the_orgs_zoho_concurrency_and_use_it()
    {
        for (var org = 1; org <= 25; org++)
        {
            for (var perInstance = 1; perInstance <= 30; perInstance++)
            {
                var (instances, zohoConcurrency) = Scale(org, perInstance);

                Assert.InRange(instances, 1, 1000);
                Assert.True(instances * zohoConcurrency <= org, $"org limit {org}, {perInstance} per instance: {instances} instances × {zohoConcurrency} Zoho calls");
                Assert.True((instances + 1) * zohoConcurrency > org, $"org limit {org}, {perInstance} per instance: {instances} instances leave room for another");
            }
        }
    }

    [Fact]
    public void The_parameters_file_deploys_two_instances_of_four_zoho_calls_for_a_standard_edition_org()
    {
        var file = CompiledTemplate.ParametersFile();
        var org = (int)file["zohoOrgConcurrencyLimit"]!["value"]!;
        var perInstance = (int)file["zohoMaxConcurrency"]!["value"]!;

        Assert.Equal(10, org);
        Assert.Equal((2, 4), Scale(org, perInstance));
        Assert.Equal(org, (int)Template.Parameters["zohoOrgConcurrencyLimit"]!["defaultValue"]!);
        Assert.Equal(perInstance, (int)Template.Parameters["zohoMaxConcurrency"]!["defaultValue"]!);
    }

    /// <summary>
    /// Per instance, batchSize + newBatchThreshold transfers run at once. At least the Zoho client's concurrency, so its
    /// calls are never idle for want of work, and at most three times it: a transfer spends most of its time in storage
    /// calls or returns at once to wait for a Zoho job slot, but one that does call Zoho waits for the client's
    /// concurrency inside its RequestTimeout, so a long line behind the client would turn into timeouts. All instances
    /// together can keep every Zoho job slot (Transfer__MaxConcurrentJobs) busy.
    /// </summary>
    [Fact]
    public void Host_json_keeps_each_instances_zoho_client_busy_without_a_long_line_behind_it()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        var batchSize = queues.GetProperty("batchSize").GetInt32();
        var inFlight = batchSize + queues.GetProperty("newBatchThreshold").GetInt32();

        var settings = Template.AppSettings();
        var zohoConcurrency = int.Parse(settings["Zoho__MaxConcurrency"]!, CultureInfo.InvariantCulture);
        var jobSlots = int.Parse(settings["Transfer__MaxConcurrentJobs"]!, CultureInfo.InvariantCulture);
        var instances = (int)Template.Expressions().EvaluateInt(Template.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["maximumInstanceCount"]);

        Assert.InRange(batchSize, zohoConcurrency, inFlight);
        Assert.InRange(inFlight, zohoConcurrency, 3 * zohoConcurrency);
        Assert.True(instances * inFlight >= jobSlots, $"{instances} instances × {inFlight} transfers cannot fill {jobSlots} Zoho job slots");
    }

    private static (int Instances, int ZohoConcurrency) Scale(int org, int perInstance)
    {
        var expressions = Template.Expressions(new Dictionary<string, JsonNode?>
        {
            ["zohoOrgConcurrencyLimit"] = org,
            ["zohoMaxConcurrency"] = perInstance,
        });
        var scale = Template.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        var instances = (int)expressions.EvaluateInt(scale["maximumInstanceCount"]);
        var zohoConcurrency = int.Parse(Template.AppSettings(expressions)["Zoho__MaxConcurrency"]!, CultureInfo.InvariantCulture);
        return (instances, zohoConcurrency);
    }
}
