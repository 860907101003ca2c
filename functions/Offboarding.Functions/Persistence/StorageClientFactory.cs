using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Offboarding.Functions.Configuration;
using Offboarding.Storage.Queues;
using Offboarding.Storage.Tables;

namespace Offboarding.Functions.Persistence;

/// <summary>
/// Makes queue and table clients from the <c>AzureWebJobsStorage</c> setting the Functions host also reads:
/// a connection string (Azurite, account key), or, as in Azure with managed identity, the identity-based form
/// <c>AzureWebJobsStorage__queueServiceUri</c> / <c>__tableServiceUri</c> (plus optional <c>__clientId</c>).
/// </summary>
public sealed class StorageClientFactory
{
    private readonly string? _connectionString;
    private readonly Uri? _queueServiceUri;
    private readonly Uri? _tableServiceUri;
    private readonly TokenCredential? _credential;

    public StorageClientFactory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SettingNames.Storage);
        _connectionString = section.Value;
        if (!string.IsNullOrWhiteSpace(_connectionString))
        {
            return;
        }

        _queueServiceUri = Uri(section["queueServiceUri"]) ?? Derived(section["accountName"], "queue");
        _tableServiceUri = Uri(section["tableServiceUri"]) ?? Derived(section["accountName"], "table");
        if (_queueServiceUri is null || _tableServiceUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{SettingNames.Storage}' to a connection string, or '{SettingNames.Storage}__queueServiceUri' and '__tableServiceUri' for managed identity.");
        }

        var clientId = section["clientId"];
        _credential = string.IsNullOrEmpty(clientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    public QueueClient Queue(string name) => _connectionString is not null
        ? new QueueClient(_connectionString, name)
        : new QueueClient(new Uri(_queueServiceUri!, name), _credential!);

    public TableClient Table(string name) => _connectionString is not null
        ? new TableClient(_connectionString, name)
        : new TableClient(_tableServiceUri!, name, _credential!);

    private static Uri? Uri(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new Uri(value.EndsWith('/') ? value : value + "/");

    private static Uri? Derived(string? account, string service) =>
        string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net/");
}
