using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Offboarding.Subscriber.Chat;
using Offboarding.Subscriber.Configuration;
using Offboarding.Subscriber.Delivery;
using Offboarding.Subscriber.Handling;
using Offboarding.Subscriber.Schemas;

namespace Offboarding.Subscriber;

/// <summary>The subscriber's whole composition, shared by Program.cs (the Functions host) and the local host.</summary>
public static class SubscriberServiceCollectionExtensions
{
    /// <summary>The storage setting the Functions host uses for the queue trigger, and the subscriber for its table.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddOffboardingSubscriber(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<SubscriberOptions>, SubscriberOptionsValidator>();
        services.AddOptions<SubscriberOptions>().Bind(configuration.GetSection(SubscriberOptions.Section)).ValidateOnStart();
        services.AddSingleton(_ => Tables(configuration));
        services.AddSingleton<HandledEvents>();
        services.AddHttpClient();
        services.AddSingleton<DataSchemas>();
        services.AddSingleton<LeaverNames>();
        services.AddSingleton<ChatWebhook>();
        services.AddSingleton<CompletionHandler>();
        services.AddSingleton<EventGridDelivery>();
        return services;
    }

    // A connection string (Azurite, keys), or the identity-based form Flex Consumption apps use (AzureWebJobsStorage__tableServiceUri).
    private static TableServiceClient Tables(IConfiguration configuration) =>
        configuration[StorageSetting] is { Length: > 0 } connectionString
            ? new TableServiceClient(connectionString)
            : new TableServiceClient(
                new Uri(configuration[$"{StorageSetting}:tableServiceUri"] ?? throw new InvalidOperationException($"Set {StorageSetting} (a connection string) or {StorageSetting}__tableServiceUri.")),
                new DefaultAzureCredential());
}
