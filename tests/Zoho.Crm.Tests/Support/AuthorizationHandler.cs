using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Zoho.Crm.Tests.Support;

/// <summary>
/// Sits between the client and the real sandbox: remembers every access token the client sends (to search logs
/// for them), and can replace it with a token the sandbox never issued to make it answer 401 INVALID_TOKEN.
/// </summary>
public sealed class AuthorizationHandler : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, byte> _seen = new();

    public AuthorizationHandler()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>When set, every CRM call carries this token instead of the client's.</summary>
    public string? ReplaceTokenWith { get; set; }

    public IReadOnlyCollection<string> TokensSeen => _seen.Keys.ToList();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is { Parameter: { } token })
        {
            _seen.TryAdd(token, 0);
            if (ReplaceTokenWith is { } replacement)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(request.Headers.Authorization.Scheme, replacement);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
