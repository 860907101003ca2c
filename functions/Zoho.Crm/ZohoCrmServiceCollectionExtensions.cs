using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Zoho.Crm;

/// <summary>Registers one <see cref="ZohoCrmClient"/> for an app: options bound from a configuration section and validated at start.</summary>
public static class ZohoCrmServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> the client sends through; add handlers to it with <c>AddHttpClient(HttpClientName)</c>.</summary>
    public const string HttpClientName = "Zoho.Crm";

    /// <summary>
    /// Binds <see cref="ZohoCrmClientOptions"/> from <paramref name="section"/> and registers the client. Register an
    /// <see cref="IZohoTokenCache"/> shared by every instance first; without one, tokens are cached in memory. An
    /// <see cref="IZohoCreditGate"/>, when registered, is asked before every CRM call.
    /// </summary>
    public static IHttpClientBuilder AddZohoCrmClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<ZohoCrmClientOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZohoCrmClientOptions>>(new ZohoCrmClientOptionsValidator(section.Path));
        services.TryAddSingleton<IZohoTokenCache, InMemoryZohoTokenCache>();
        services.TryAddSingleton(provider => new ZohoCrmClient(
            provider.GetRequiredService<IOptions<ZohoCrmClientOptions>>().Value,
            provider.GetRequiredService<IHttpClientFactory>(),
            HttpClientName,
            provider.GetRequiredService<IZohoTokenCache>(),
            provider.GetRequiredService<ILogger<ZohoCrmClient>>(),
            provider.GetService<IZohoCreditGate>()));
        return services.AddHttpClient(HttpClientName);
    }
}
