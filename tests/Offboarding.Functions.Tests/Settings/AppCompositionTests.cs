using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Tests.Hosting.Deployment;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TestSupport;

namespace Offboarding.Functions.Tests.Settings;

/// <summary>The production composition (AddOffboardingFunctionApp, as Program.cs calls it) over the sample settings.</summary>
public sealed class AppCompositionTests
{
    [Fact]
    public void Every_function_class_of_the_app_is_built_from_the_production_composition()
    {
        using var host = Build([]);
        var functionClasses = typeof(IntakeFunctions).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

        Assert.Equal(13, functionClasses.Count);
        foreach (var type in functionClasses)
        {
            // The worker makes an instance per invocation the same way: constructor injection from the app's services.
            Assert.IsType(type, ActivatorUtilities.CreateInstance(host.Services, type));
        }
    }

    [Theory]
    [InlineData("Intake:WebhookSecrets", "", "Intake__WebhookSecrets is not set")]
    [InlineData("Intake:WebhookSecrets", "whsec_c2FtcGxlLWxvY2FsLXdlYmhvb2stc2VjcmV0LTAwMDE=,not-a-secret", "Intake__WebhookSecrets: secret 2 of 2 is not usable")]
    [InlineData("Transfer:UnconfirmedWindow", "00:00:00", "Transfer__UnconfirmedWindow must be above zero")]
    [InlineData("Transfer:UnconfirmedWindow", "-00:05:00", "Transfer__UnconfirmedWindow must be above zero")]
    [InlineData("Transfer:MaxConcurrentJobs", "0", "Transfer__MaxConcurrentJobs must be at least 1")]
    [InlineData("Intake:SignatureTolerance", "00:10:00", "Intake__SignatureTolerance must be more than zero and at most")]
    [InlineData("Intake:MaxBodyBytes", "0", "Intake__MaxBodyBytes must be more than zero")]
    [InlineData("Poll:Backoff", "00:00:30,soon", "Poll__Backoff must list positive delays")]
    [InlineData("Poll:MaxConcurrency", "0", "Poll__MaxConcurrency must be at least 1")]
    [InlineData("Poll:StalledAfter", "00:00:00", "Poll__StalledAfter must be more than zero")]
    [InlineData("Events:TypePrefix", "com example", "Events__TypePrefix must be a reverse-DNS name")]
    [InlineData("Events:EventGridEndpoint", "http://topic.example/api/events", "Events__EventGridEndpoint must be an absolute https URL")]
    [InlineData("Events:SchemaBaseUri", "/relative", "Events__SchemaBaseUri must be the app's absolute http(s) base URL")]
    [InlineData("Events:SchemaBaseUri", "ftp://files.example", "Events__SchemaBaseUri must be the app's absolute http(s) base URL")]
    [InlineData("Operators:Key", "short", "Operators__Key must be at least 32 characters")]
    [InlineData("Operators:Role", " ", "Operators__Role must name the operator app role")]
    [InlineData("Hold:Threshold", "-1", "Hold__Threshold must be 0 (off) or more")]
    [InlineData("Hold:Window", "00:00:00", "Hold__Window must be more than zero")]
    [InlineData("Zoho:ClientId", "", "Zoho__ClientId is required")]
    [InlineData("Zoho:ApiVersion", "v99", "Zoho__ApiVersion 'v99' is not one of")]
    public async Task An_unusable_setting_stops_start_up_with_a_message_that_names_it(string key, string value, string message)
    {
        using var host = Build(new() { [key] = value });

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, "http://localhost:7071/")]
    [InlineData("offboarding-prod.azurewebsites.net", "http://127.0.0.1:7071", null, "https://offboarding-prod.azurewebsites.net/")]
    [InlineData(null, "http://127.0.0.1:7123;http://[::1]:7123", null, "http://127.0.0.1:7123/")]
    [InlineData("offboarding-prod.azurewebsites.net", null, "https://offboarding.contoso.example/", "https://offboarding.contoso.example/")]
    public void Events_point_at_schemas_served_by_the_app_itself_unless_told_otherwise(string? websiteHostName, string? urls, string? configured, string expected)
    {
        using var host = Build(new() { ["WEBSITE_HOSTNAME"] = websiteHostName, ["urls"] = urls, ["Events:SchemaBaseUri"] = configured });

        var dataSchema = host.Services.GetRequiredService<Offboarding.Functions.Events.OffboardingEventFactory>().DataSchema(Offboarding.Functions.Domain.OffboardingOutcome.Completed);

        Assert.Equal($"{expected}api/schemas/offboarding.completed.event.json", dataSchema.AbsoluteUri);
    }

    [Fact]
    public void Exporters_are_registered_only_when_their_settings_are_set()
    {
        Assert.Empty(ExporterNames([]));
        Assert.Equal(["AzureMonitor"], ExporterNames(new() { [TelemetryServiceCollectionExtensions.ApplicationInsightsConnectionString] = ConnectionString }));
        Assert.Equal(["Otlp"], ExporterNames(new() { [TelemetryServiceCollectionExtensions.OtlpEndpoint] = "http://127.0.0.1:9" }));
        Assert.Equal(["AzureMonitor", "Otlp"], ExporterNames(new()
        {
            [TelemetryServiceCollectionExtensions.ApplicationInsightsConnectionString] = ConnectionString,
            [TelemetryServiceCollectionExtensions.OtlpEndpoint] = "http://127.0.0.1:9",
        }));

        // Spans and metrics are collected either way (a test's in-memory exporter, or none: they stay in the process).
        using var host = Build(new() { [TelemetryServiceCollectionExtensions.ApplicationInsightsConnectionString] = ConnectionString });
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void The_host_emits_open_telemetry_and_no_application_insights_settings_remain()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));

        Assert.Equal("OpenTelemetry", hostJson.RootElement.GetProperty("telemetryMode").GetString());
        Assert.False(hostJson.RootElement.GetProperty("logging").TryGetProperty("applicationInsights", out _));
    }

    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";

    /// <summary>Which exporters the composition registered: services that the exporter's own assembly brings (its types are internal).</summary>
    private static List<string> ExporterNames(Dictionary<string, string?> overrides)
    {
        var services = new ServiceCollection();
        services.AddOffboardingFunctionApp(new ConfigurationBuilder().AddInMemoryCollection(Settings(overrides)).Build());
        var assemblies = services.SelectMany(d => new[]
        {
            d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType(), d.ImplementationFactory?.Method.DeclaringType,
        }).OfType<Type>().Select(t => t.Assembly.GetName().Name).ToHashSet(StringComparer.Ordinal);
        return [.. new[] { ("Azure.Monitor.OpenTelemetry.Exporter", "AzureMonitor"), ("OpenTelemetry.Exporter.OpenTelemetryProtocol", "Otlp") }
            .Where(e => assemblies.Contains(e.Item1)).Select(e => e.Item2)];
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?> overrides)
    {
        var settings = SampleSettings.Values().ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static IHost Build(Dictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(overrides));
        builder.Services.AddOffboardingFunctionApp(builder.Configuration);
        return builder.Build();
    }
}
