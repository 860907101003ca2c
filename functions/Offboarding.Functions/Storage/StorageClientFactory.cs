using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Builds the storage clients from the settings the Functions host reads for its own storage (<c>AzureWebJobsStorage</c>
/// or its identity-based <c>__queueServiceUri</c>/<c>__tableServiceUri</c> form), so one set of settings drives both.
/// </summary>
public sealed class StorageClientFactory
{
    public const string ConnectionName = SettingNames.Storage;
    public const string AccountNameKey = ConnectionName + ":accountName";
    public const string QueueServiceUriKey = ConnectionName + ":queueServiceUri";
    public const string TableServiceUriKey = ConnectionName + ":tableServiceUri";
    public const string CredentialKey = ConnectionName + ":credential";
    public const string ClientIdKey = ConnectionName + ":clientId";

    private readonly string? _connectionString;
    private readonly Uri? _queueService;
    private readonly Uri? _tableService;
    private readonly Lazy<TokenCredential> _credential;

    public StorageClientFactory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _connectionString = configuration[ConnectionName];
        var accountName = configuration[AccountNameKey];
        _queueService = ServiceUri(configuration, QueueServiceUriKey, accountName, "queue");
        _tableService = ServiceUri(configuration, TableServiceUriKey, accountName, "table");
        if (string.IsNullOrWhiteSpace(_connectionString) && (_queueService is null || _tableService is null))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionName} to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or {ConnectionName}__accountName (or both {ConnectionName}__queueServiceUri and __tableServiceUri) for a managed identity.");
        }

        var credentialKind = configuration[CredentialKey];
        var clientId = configuration[ClientIdKey];
        _credential = new Lazy<TokenCredential>(() => CreateCredential(credentialKind, clientId));
    }

    /// <summary>True when clients authenticate with an Entra ID token rather than an account key.</summary>
    public bool UsesIdentity => string.IsNullOrWhiteSpace(_connectionString);

    /// <summary>The Entra ID credential the settings ask for: a managed identity, or the default chain.</summary>
    public TokenCredential Credential => _credential.Value;

    /// <param name="options">The client options.</param>
    /// <param name="credential">The identity to use when the settings name no connection string.</param>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions options, TokenCredential credential) =>
        UsesIdentity ? new QueueServiceClient(_queueService!, credential, options) : new QueueServiceClient(_connectionString, options);

    /// <param name="options">The client options.</param>
    /// <param name="credential">The identity to use when the settings name no connection string.</param>
    public TableServiceClient CreateTableServiceClient(TableClientOptions options, TokenCredential credential) =>
        UsesIdentity ? new TableServiceClient(_tableService!, credential, options) : new TableServiceClient(_connectionString, options);

    private static Uri? ServiceUri(IConfiguration configuration, string key, string? accountName, string service)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{key.Replace(":", "__", StringComparison.Ordinal)} is not an absolute URI.");
        }

        // The host's own shorthand: the account name implies the public-cloud endpoints.
        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    private static TokenCredential CreateCredential(string? kind, string? clientId)
    {
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        // System-assigned identity in Azure, a developer's az login on a workstation.
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId });
    }
}
