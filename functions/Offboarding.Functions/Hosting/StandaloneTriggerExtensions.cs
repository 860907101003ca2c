using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Hosting.Queues;
using Offboarding.Functions.Hosting.Storage;
using Offboarding.Functions.Hosting.Timers;

namespace Offboarding.Functions.Hosting;

/// <summary>Registers the hosted services that drive queue and timer functions when no Functions host does.</summary>
public static class StandaloneTriggerExtensions
{
    public static IServiceCollection AddStandaloneTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageClients(configuration);

        services.AddOptions<QueueTriggerOptions>().Bind(configuration.GetSection(HostJsonConfiguration.QueuesSection)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QueueTriggerOptions>, QueueTriggerOptionsValidator>();
        services.AddHostedService<QueueTriggerService>();

        services.AddOptions<TimerTriggerOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TimerTriggerOptions>, TimerTriggerOptionsValidator>();
        services.AddHostedService<TimerTriggerService>();
        return services;
    }
}
