namespace Offboarding.Storage;

/// <summary>
/// A parsed storage connection string: <c>UseDevelopmentStorage=true</c> or the full
/// <c>AccountName=…;AccountKey=…;DefaultEndpointsProtocol=…;EndpointSuffix=…</c> form with optional
/// explicit <c>QueueEndpoint</c>/<c>TableEndpoint</c>/<c>BlobEndpoint</c>.
/// Parse errors never quote the connection string, because it carries the account key.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The public, well-known key of the Azurite/emulator account; not a secret.</summary>
    internal const string DevelopmentAccountName = "devstoreaccount1";
    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private StorageConnection(StorageSharedKeyCredential credential, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint)
    {
        Credential = credential;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
    }

    public string AccountName => Credential.AccountName;

    public StorageSharedKeyCredential Credential { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming the problem, never the value.</summary>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = Split(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!bool.TryParse(dev, out var useDev) || !useDev)
            {
                throw new FormatException("UseDevelopmentStorage must be 'true' when present.");
            }

            if (settings.ContainsKey("DevelopmentStorageProxyUri"))
            {
                throw new FormatException("DevelopmentStorageProxyUri is not supported.");
            }

            // The emulator's fixed endpoints, which the Functions host and the Azure SDKs also assume.
            return new StorageConnection(
                new StorageSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey),
                new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("Shared access signature connection strings are not supported; use an account key or a token credential.");
        }

        var accountName = Required(settings, "AccountName");
        var accountKey = Required(settings, "AccountKey");
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (!protocol.Equals("https", StringComparison.OrdinalIgnoreCase) && !protocol.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("DefaultEndpointsProtocol must be 'http' or 'https'.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri Endpoint(string setting, string service) =>
            settings.TryGetValue(setting, out var explicitValue)
                ? ParseEndpoint(setting, explicitValue)
                : new Uri($"{protocol.ToLowerInvariant()}://{accountName}.{service}.{suffix}");

        StorageSharedKeyCredential credential;
        try
        {
            credential = new StorageSharedKeyCredential(accountName, accountKey);
        }
        catch (ArgumentException)
        {
            throw new FormatException("AccountKey is not valid base64.");
        }

        return new StorageConnection(credential, Endpoint("BlobEndpoint", "blob"), Endpoint("QueueEndpoint", "queue"), Endpoint("TableEndpoint", "table"));
    }

    public override string ToString() => $"StorageConnection(account {AccountName}, queues {QueueEndpoint}, tables {TableEndpoint})";

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("A connection string setting is not of the form Name=Value.");
            }

            var name = part[..equals].Trim();
            if (!settings.TryAdd(name, part[(equals + 1)..].Trim()))
            {
                throw new FormatException($"The connection string sets '{name}' more than once.");
            }
        }

        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The connection string has no {name}.");

    private static Uri ParseEndpoint(string setting, string value)
    {
        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"{setting} is not an absolute http(s) URI.");
        }

        return uri;
    }
}
