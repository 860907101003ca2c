using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

        // The storage SDK logs every failed answer as a warning, and here most are by design: a 412 is an ETag guard doing
        // its work, a 409 a claim somebody else made first, a 404 a row already gone. A layoff makes thousands; the app
        // logs what it does about the ones that matter. Errors (the SDK's own failures) still get through.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Error));

        // Telemetry goes to Application Insights only where a connection string says where.
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsConnectionString]))
        {
            services.AddApplicationInsightsTelemetryWorkerService();
            services.ConfigureFunctionsApplicationInsights();
        }

        return services;
    }
}
