using Microsoft.Extensions.Logging;
using TestSupport;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Tests.Support;

/// <summary>Zoho clients pointed at a running sandbox, with retry delays short enough for tests.</summary>
public static class SandboxClients
{
    public static ZohoCrmClientOptions Options(SandboxFixture sandbox, string refreshToken = DefaultOrg.RefreshToken) => new()
    {
        AccountsUri = sandbox.BaseUri,
        ApiUri = sandbox.BaseUri,
        ClientId = DefaultOrg.ClientId,
        ClientSecret = DefaultOrg.ClientSecret,
        RefreshToken = refreshToken,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    public static ZohoCrmClient Create(
        SandboxFixture sandbox,
        Action<ZohoCrmClientOptions>? configure = null,
        string refreshToken = DefaultOrg.RefreshToken,
        HttpClient? http = null,
        IZohoTokenCache? cache = null,
        ILogger<ZohoCrmClient>? logger = null,
        TimeProvider? time = null)
    {
        var options = Options(sandbox, refreshToken);
        configure?.Invoke(options);
        return new ZohoCrmClient(options, http, cache, logger, time ?? TimeProvider.System);
    }
}
