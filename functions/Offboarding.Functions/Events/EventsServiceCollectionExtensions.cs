using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Events;

/// <summary>The completion events: CloudEvents built, staged and published through the outbox to the events queue and Event Grid.</summary>
public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EventsOptions, EventsOptionsValidator>(configuration, SettingNames.EventsSection);
        services.AddSingleton<EventGridTopic>();
        services.AddSingleton<OffboardingEventFactory>();
        services.AddSingleton<OffboardingEventPublisher>();
        services.AddSingleton<EventOutbox>();
        return services;
    }
}
