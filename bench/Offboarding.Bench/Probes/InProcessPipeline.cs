using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions;
using Offboarding.Functions.Storage;

namespace Offboarding.Bench.Probes;

/// <summary>The pipeline wired exactly as the app wires it (<c>AddOffboardingFunctionApp</c>), in the bench's process, for the probes.</summary>
public static class InProcessPipeline
{
    /// <summary>Builds it with <paramref name="settings"/> (and anything <paramref name="extra"/> adds first) and creates its storage, as the app's start-up does.</summary>
    public static async Task<ServiceProvider> StartAsync(AppSettings settings, Action<IServiceCollection>? extra, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToConfiguration().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        extra?.Invoke(services);
        services.AddOffboardingFunctionApp(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<PipelineStorage>().CreateAsync(cancellationToken).ConfigureAwait(false);
        return provider;
    }
}
