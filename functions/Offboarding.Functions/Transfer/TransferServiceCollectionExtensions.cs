using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Transfer;

/// <summary>The transfer-and-poll state machine: planning, Zoho calls, job slots, the poll of running jobs.</summary>
public static class TransferServiceCollectionExtensions
{
    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c> in configuration form (the Functions host's <c>AzureFunctionsJobHost</c> section).</summary>
    public const string HostMaxDequeueCountKey = "AzureFunctionsJobHost:extensions:queues:maxDequeueCount";

    public static IServiceCollection AddTransferAndPoll(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TransferOptions, TransferOptionsValidator>(configuration, SettingNames.TransferSection)
            .PostConfigure(options =>
            {
                // The queue's own max dequeue count (host.json, as both hosts read it) decides which attempt is the last,
                // unless the setting names one explicitly.
                if (configuration[SettingNames.TransferMaxDequeueCount] is null
                    && int.TryParse(configuration[HostMaxDequeueCountKey], NumberStyles.None, CultureInfo.InvariantCulture, out var fromHost))
                {
                    options.MaxDequeueCount = fromHost;
                }
            });
        services.AddValidatedOptions<PollOptions, PollOptionsValidator>(configuration, SettingNames.PollSection);

        services.AddSingleton(provider => BackoffSchedule.Parse(provider.GetRequiredService<IOptions<PollOptions>>().Value.Backoff));
        services.TryAddSingleton<IBatchLeavers, NoBatchLeavers>();
        services.AddSingleton<UserTransferPlanner>();
        services.AddSingleton<ZohoOperationRunner>();
        services.AddSingleton<UnconfirmedTransferVerifier>();
        services.AddSingleton<JobAdmission>();
        services.AddSingleton<JobDurations>();
        services.AddSingleton<JobDurationSync>();
        services.AddHostedService(provider => provider.GetRequiredService<JobDurationSync>());
        services.AddSingleton<PollTiming>();
        services.AddSingleton<JobSlotWait>();
        services.AddSingleton<CreditWait>();
        services.AddSingleton<TransferResultWriter>();
        services.AddSingleton<ClaimRenewal>();
        services.AddSingleton<ClaimedTransfer>();
        services.AddSingleton<TransferClaim>();
        services.AddSingleton<TransferProcessor>();
        services.AddSingleton<LastAttemptFailure>();
        services.AddSingleton<UnconfirmedTransferResolution>();
        services.AddSingleton<JobStatusPoll>();
        services.AddSingleton<TransferSweep>();
        services.AddSingleton<DueEntryHandler>();
        services.AddSingleton<TransferHandler>();
        services.AddSingleton<PollHandler>();
        services.AddSingleton<OwnDuePoller>();
        services.AddHostedService(provider => provider.GetRequiredService<OwnDuePoller>());
        return services;
    }
}
