using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Offboarding.Functions;

/// <summary>The app's whole composition, one call shared by Program.cs (the Functions host) and the local host.</summary>
public static class FunctionAppServiceCollectionExtensions
{
    /// <summary>The setting that switches Application Insights on, as the Functions host names it.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddOffboardingFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOffboardingPipeline(configuration);

        // Telemetry goes to Application Insights only where a connection string says where.
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsConnectionString]))
        {
            services.AddApplicationInsightsTelemetryWorkerService();
            services.ConfigureFunctionsApplicationInsights();
        }

        return services;
    }
}
