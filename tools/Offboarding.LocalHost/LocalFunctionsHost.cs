using System.Reflection;
using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Storage;
using Offboarding.LocalHost.Http;
using Offboarding.LocalHost.Queues;
using Offboarding.LocalHost.Timers;

namespace Offboarding.LocalHost;

/// <summary>
/// What the Functions host does for the app, on a plain ASP.NET Core host: settings from local.settings.json and
/// host.json, the [Function] methods found by reflection, Kestrel for HTTP, a listener per queue, a scheduler per timer.
/// </summary>
public static class LocalFunctionsHost
{
    public static WebApplicationBuilder AddLocalFunctionsHost(this WebApplicationBuilder builder, IEnumerable<Assembly> appAssemblies, Func<Type, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Lowest priority first: host.json ends up below local.settings.json, which is below everything else.
        builder.Configuration.AddLocalSettings(Path.Combine(Directory.GetCurrentDirectory(), LocalSettingsConfiguration.FileName));
        builder.Configuration.AddHostJson(HostJsonConfiguration.Locate(builder.Configuration));

        var services = builder.Services;
        services.AddSingleton(FunctionCatalog.Discover(appAssemblies, include));
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageClients(builder.Configuration);

        services.AddSingleton<QueueWakeups>();
        services.AddAzureClients(clients => clients.ConfigureDefaults((options, provider) =>
            options.AddPolicy(new QueueWakeupPolicy(provider.GetRequiredService<QueueWakeups>()), HttpPipelinePosition.PerCall)));
        services.AddOptions<QueueTriggerOptions>().Bind(builder.Configuration.GetSection(HostJsonConfiguration.QueuesSection)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QueueTriggerOptions>, QueueTriggerOptionsValidator>();
        services.AddHostedService<QueueTriggerService>();

        services.AddOptions<TimerTriggerOptions>()
            .Configure(options => options.LeaseDuration = builder.Configuration.GetValue(HostJsonConfiguration.ListenerLockPeriodKey, options.LeaseDuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TimerTriggerOptions>, TimerTriggerOptionsValidator>();
        services.AddHostedService<TimerTriggerService>();
        return builder;
    }

    /// <summary>Maps a readiness answer at <c>/</c> and the HTTP functions below host.json's route prefix.</summary>
    public static WebApplication MapLocalFunctions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Json(new { status = "ready", host = "local" }));
        app.MapHttpFunctions(app.Services.GetRequiredService<FunctionCatalog>(), HostJsonConfiguration.RoutePrefix(app.Configuration));
        return app;
    }
}
