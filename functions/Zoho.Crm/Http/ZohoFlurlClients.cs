using Flurl.Http;

namespace Zoho.Crm;

/// <summary>
/// The Flurl clients every Zoho call goes through: one per configured base (the accounts server and the CRM API
/// domain), over an <see cref="HttpClient"/> either handed in once or taken from an <see cref="IHttpClientFactory"/>.
/// </summary>
internal sealed class ZohoFlurlClients : IDisposable
{
    private readonly ZohoEndpoints _endpoints;
    private readonly Func<HttpClient>? _fromFactory;
    private readonly FlurlClient? _accounts;
    private readonly FlurlClient? _api;
    private readonly IDisposable? _owned;

    private ZohoFlurlClients(ZohoEndpoints endpoints, Func<HttpClient>? fromFactory, HttpClient? fixedClient, IDisposable? owned)
    {
        _endpoints = endpoints;
        _fromFactory = fromFactory;
        _owned = owned;
        if (fixedClient is not null)
        {
            _accounts = Wrap(fixedClient, endpoints.AccountsUri);
            _api = Wrap(fixedClient, endpoints.ApiUri);
        }
    }

    /// <summary>A client of our own, for the Zoho client's lifetime.</summary>
    public static ZohoFlurlClients Own(ZohoEndpoints endpoints)
    {
        // Pooled connections are recycled so DNS changes are seen.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return new(endpoints, null, http, owned: http);
    }

    /// <summary>Through an <see cref="HttpClient"/> someone else owns; it must not have sent a request yet.</summary>
    public static ZohoFlurlClients Over(HttpClient httpClient, ZohoEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        try
        {
            return new(endpoints, null, httpClient, owned: null);
        }
        catch (InvalidOperationException ex)
        {
            // Flurl takes over the timeout of the client it wraps, which HttpClient refuses once it has sent a request.
            throw new ArgumentException("The HttpClient has already sent requests, so Flurl cannot take over its timeout: " +
                "give each ZohoCrmClient an HttpClient of its own that has not been used yet, or use the IHttpClientFactory constructor.",
                nameof(httpClient), ex);
        }
    }

    /// <summary>
    /// A fresh <see cref="HttpClient"/> from the factory for every call. The factory pools the handlers behind its
    /// clients and rotates them, so DNS changes are seen; a client kept for the app's lifetime would pin one handler.
    /// </summary>
    public static ZohoFlurlClients FromFactory(IHttpClientFactory factory, string name, ZohoEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(name);
        return new(endpoints, () => factory.CreateClient(name), null, owned: null);
    }

    /// <summary>The Zoho accounts server (OAuth token endpoint).</summary>
    public IFlurlClient Accounts => _accounts ?? Wrap(_fromFactory!(), _endpoints.AccountsUri);

    /// <summary>The configured CRM API domain; a request given an absolute URL (a token's own api_domain) goes there instead.</summary>
    public IFlurlClient Api => _api ?? Wrap(_fromFactory!(), _endpoints.ApiUri);

    public string AccountsHost => _endpoints.AccountsUri.Host;

    // Factory clients are not disposed: the factory owns their handlers, and disposing one would cancel its calls.
    public void Dispose() => _owned?.Dispose();

    private static FlurlClient Wrap(HttpClient http, Uri baseUri)
    {
        var client = new FlurlClient(http, baseUri.AbsoluteUri);

        // Flurl moves HttpClient.Timeout (100 s from a factory unless configured) into its own per-call timeout,
        // which would silently cap RequestTimeout. Each attempt carries its own timeout instead.
        client.Settings.Timeout = null;

        // Zoho's error answers are read and classified here, not turned into Flurl exceptions.
        client.Settings.AllowedHttpStatusRange = "*";

        // Redirects stay with the handler, as before Flurl: Flurl's own following would send requests again itself.
        client.Settings.Redirects.Enabled = false;
        return client;
    }
}
