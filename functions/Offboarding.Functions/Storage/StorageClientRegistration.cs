using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Registers the storage service clients once, from the settings the Functions host reads (<see cref="StorageClientFactory"/>):
/// a <see cref="QueueServiceClient"/> whose messages are base64 (the queue trigger's encoding) and a <see cref="TableServiceClient"/>.
/// </summary>
public static class StorageClientRegistration
{
    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(StorageClientFactory)))
        {
            return services;
        }

        // The SDK logs every request at Information; keep its warnings and errors.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning));

        // Created on first use, so an app that never touches storage needs no storage settings.
        services.AddSingleton(_ => new StorageClientFactory(configuration));
        services.AddAzureClients(clients =>
        {
            // The identity the settings ask for; creating it costs nothing until a token is needed.
            clients.UseCredential(provider => provider.GetRequiredService<StorageClientFactory>().Credential);
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, provider) =>
                provider.GetRequiredService<StorageClientFactory>().CreateQueueServiceClient(Configure(options, QueueMessageEncoding.Base64), credential));
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, provider) =>
                provider.GetRequiredService<StorageClientFactory>().CreateTableServiceClient(Configure(options), credential));
        });
        return services;
    }

    /// <summary>The app's queue client options: the given encoding, and storage failures as one exception type.</summary>
    public static QueueClientOptions Configure(QueueClientOptions options, QueueMessageEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageEncoding = encoding;
        options.RetryPolicy = new SingleErrorRetryPolicy(options.Retry);
        return options;
    }

    /// <summary>The app's table client options: storage failures as one exception type.</summary>
    public static TableClientOptions Configure(TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RetryPolicy = new SingleErrorRetryPolicy(options.Retry);
        return options;
    }
}
