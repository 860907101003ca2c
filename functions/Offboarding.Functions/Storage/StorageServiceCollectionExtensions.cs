using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zoho.Crm;

namespace Offboarding.Functions.Storage;

/// <summary>The storage the pipeline keeps its state in: the clients, the named queues and tables, and the stores over them.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddOffboardingStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorageClients(configuration);
        services.AddSingleton<PipelineStorage>();
        services.AddHostedService<StorageProvisioner>();

        // Sealed under the Zoho client secret: every instance has it, a reader of the storage account does not.
        services.AddSingleton(provider => new Sealer(provider.GetRequiredService<IOptions<ZohoCrmClientOptions>>().Value.ClientSecret));
        services.AddSingleton<IZohoTokenCache, TableTokenCache>();
        services.AddSingleton<OffboardingStore>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<OwnDueEntries>();
        services.AddSingleton<OffboardingRepository>();
        services.AddSingleton<JobSlots>();
        services.AddSingleton<JobDurationLedger>();
        services.AddSingleton<RequestDispatcher>();
        services.AddSingleton<WebhookMessageIndex>();
        services.AddSingleton<LeaverIndex>();
        services.AddSingleton<LeaverIndexBackfill>();
        services.AddHostedService(provider => provider.GetRequiredService<LeaverIndexBackfill>());
        services.AddSingleton<HoldLedger>();
        services.AddSingleton<CreditTable>();
        return services;
    }
}
