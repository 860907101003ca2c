using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Zoho.Crm;

namespace Offboarding.Functions.Diagnostics;

/// <summary>OpenTelemetry for the app and its Zoho client, exported to Azure Monitor and/or an OTLP collector only where
/// their standard settings say where; without either, spans and metrics stay in the process.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The setting that switches the Azure Monitor exporter on, as the Functions host names it.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>OpenTelemetry's standard setting for an OTLP collector (locally: Aspire dashboard, Jaeger, a collector).</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddOffboardingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMetrics();
        services.TryAddSingleton<OffboardingMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(OffboardingTelemetry.Name, ZohoTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(OffboardingTelemetry.Name, ZohoTelemetry.Name));

        if (configuration[ApplicationInsightsConnectionString] is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
        {
            telemetry.UseAzureMonitorExporter(options => options.ConnectionString = connectionString);
        }

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
