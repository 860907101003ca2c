using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Intake;

/// <summary>The HRIS webhooks in: signature checks, the request reader, and the step that stores and queues a request.</summary>
public static class IntakeServiceCollectionExtensions
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IntakeOptions, IntakeOptionsValidator>(configuration, SettingNames.IntakeSection);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<IntakeOptions>>().Value;
            return new StandardWebhookVerifier(ListSetting.Split(options.WebhookSecrets).Select(WebhookSecret.Parse), options.SignatureTolerance, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider => new MergeSignatureVerifier(ListSetting.Split(provider.GetRequiredService<IOptions<IntakeOptions>>().Value.MergeSignatureKeys)));
        services.AddSingleton<OffboardingRequestReader>();
        services.AddSingleton<OffboardingIntake>();
        services.TryAddSingleton<IBatchMembership, NoBatches>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<IntakeHandler>();
        services.AddSingleton<MergeRescinder>();
        services.AddSingleton<MergeIntakeHandler>();
        services.AddSingleton<RescindHandler>();
        return services;
    }
}

/// <summary>No batches in this composition: nobody is in one.</summary>
internal sealed class NoBatches : IBatchMembership
{
    public Task<(string BatchId, string OffboardingId)?> FindAsync(Domain.OffboardingRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<(string, string)?>(null);
}
