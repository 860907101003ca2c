using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Contracts;

namespace Offboarding.Functions.Events;

/// <summary>The completion events: CloudEvents built, staged and published through the outbox to the events queue and Event Grid.</summary>
public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EventsOptions, EventsOptionsValidator>(configuration, SettingNames.EventsSection)
            .PostConfigure(options => options.SchemaBaseUri ??= AppBaseUri.From(configuration));
        services.AddSingleton(provider => new SchemaLocation(provider.GetRequiredService<IOptions<EventsOptions>>().Value.SchemaBaseUri!));
        services.AddSingleton<EventGridTopic>();
        services.AddSingleton<OffboardingEventFactory>();
        services.AddSingleton<OffboardingEventPublisher>();
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<EventReplay>();
        return services;
    }
}
