using Microsoft.Extensions.Configuration.Memory;

namespace Offboarding.LocalHost;

/// <summary>
/// Makes host.json the one source of the trigger settings in both modes. Its values are placed under the
/// <c>AzureFunctionsJobHost</c> section with the lowest priority, so the overrides the Functions host honours
/// (e.g. the app setting <c>AzureFunctionsJobHost__extensions__queues__maxDequeueCount</c>) override it here too.
/// </summary>
public static class HostJsonConfiguration
{
    public const string FileName = "host.json";

    /// <summary>The section the Functions host reads host.json overrides from.</summary>
    public const string Section = "AzureFunctionsJobHost";

    /// <summary>Set by the Functions host for custom handlers: the folder holding host.json and the function folders.</summary>
    public const string AppRootSetting = "FUNCTIONS_APP_ROOT_PATH";

    public static string QueuesSection => $"{Section}:extensions:queues";

    public static string HttpRoutePrefixKey => $"{Section}:extensions:http:routePrefix";

    /// <summary>How long the timers' singleton lock lasts unless renewed (the host's listener lock).</summary>
    public static string ListenerLockPeriodKey => $"{Section}:singleton:listenerLockPeriod";

    /// <summary>Where host.json is: the host's app root when it told us, else next to the executable (publish and build copy it there).</summary>
    public static string Locate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration[AppRootSetting];
        return Path.Combine(string.IsNullOrWhiteSpace(root) ? AppContext.BaseDirectory : root, FileName);
    }

    /// <summary>Adds host.json beneath every other source. A missing file is an error: without it the queue and HTTP settings would silently differ from Azure.</summary>
    public static void AddHostJson(this IConfigurationBuilder configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"host.json not found at {path}; it carries the trigger settings both modes use.", path);
        }

        var hostJson = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        var values = hostJson.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => new KeyValuePair<string, string?>($"{Section}:{pair.Key}", pair.Value));
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
    }

    /// <summary>The HTTP route prefix, <c>api</c> unless host.json says otherwise (the host applies the same default).</summary>
    public static string RoutePrefix(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration[HttpRoutePrefixKey] ?? "api").Trim('/');
    }
}
