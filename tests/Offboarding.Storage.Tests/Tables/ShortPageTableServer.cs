using System.Net;
using System.Text;
using TestSupport;

namespace Offboarding.Storage.Tests.Tables;

/// <summary>
/// A fake table endpoint for the one behaviour Azurite never shows: Azure may return a short or even empty page
/// together with a continuation token (5-second query limit, partition boundaries). Azurite always fills pages,
/// so this serves three canned pages (2 entities, 0 entities, 1 entity) linked by opaque tokens, and records the
/// tokens the client sent back.
/// </summary>
internal sealed class ShortPageTableServer : IAsyncDisposable
{
    public const string FirstToken = "1!12!cGFydCBB+/=";
    public const string SecondToken = "1!8!c?&=%20#";

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly List<string> _receivedTokens = [];

    public ShortPageTableServer()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.AccountName};AccountKey={AzuriteProcess.AccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{Port}/{AzuriteProcess.AccountName}";

    public IReadOnlyList<string> ReceivedTokens
    {
        get
        {
            lock (_receivedTokens)
            {
                return [.. _receivedTokens];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the accept loop this way.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var token = context.Request.QueryString["NextPartitionKey"];
            lock (_receivedTokens)
            {
                _receivedTokens.Add(token ?? "(none)");
            }

            var (entities, next) = token switch
            {
                null => (new[] { "a", "b" }, FirstToken),
                FirstToken => (Array.Empty<string>(), SecondToken),
                SecondToken => (new[] { "c" }, null),
                _ => (Array.Empty<string>(), null),
            };
            if (next is not null)
            {
                context.Response.Headers["x-ms-continuation-NextPartitionKey"] = next;
            }

            var json = "{\"value\":[" + string.Join(',', entities.Select(rk => $"{{\"PartitionKey\":\"p\",\"RowKey\":\"{rk}\"}}")) + "]}";
            var body = Encoding.UTF8.GetBytes(json);
            context.Response.ContentType = "application/json;odata=minimalmetadata";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
