using Azure;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Persistence;
using Offboarding.Functions.Polling;
using Offboarding.Functions.Status;
using Offboarding.Functions.Transfer;
using Offboarding.Functions.Triggers;
using Zoho.Crm;

namespace Offboarding.Functions;

/// <summary>The one registration the hosts call: options, clients, and the pipeline's functions behind the trigger contracts.</summary>
public static class OffboardingPipelineServiceCollectionExtensions
{
    public const string ZohoHttpClientName = "zoho";

    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c> in configuration form (the Functions host's <c>AzureFunctionsJobHost</c> section).</summary>
    public const string HostMaxDequeueCountKey = "AzureFunctionsJobHost:extensions:queues:maxDequeueCount";

    public static IServiceCollection AddOffboardingPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(SettingNames.IntakeSection))
            .Validate(options => options.SignatureTolerance > TimeSpan.Zero && options.SignatureTolerance <= StandardWebhookVerifier.MaxTolerance,
                $"{SettingNames.AsAppSetting(SettingNames.IntakeSignatureTolerance)} must be more than zero and at most {StandardWebhookVerifier.MaxTolerance:c} (the StandardWebhooks library's own limit).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddOptions<TransferOptions>().Bind(configuration.GetSection(SettingNames.TransferSection)).PostConfigure(options =>
        {
            // The queue's own max dequeue count (host.json, as the Functions host and the local host read
            // it) decides which attempt is the last, unless the setting names one explicitly.
            if (configuration[SettingNames.TransferMaxDequeueCount] is null
                && int.TryParse(configuration[HostMaxDequeueCountKey], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fromHost))
            {
                options.MaxDequeueCount = fromHost;
            }
        }).PostConfigure<IOptions<ZohoCrmClientOptions>>((options, zoho) =>
        {
            // Unset, the lease covers the longest Zoho call the Zoho settings allow; set, it is checked against it.
            if (configuration[SettingNames.TransferSubmittingLease] is null && options.SubmittingLease < zoho.Value.WorstCaseCallDuration)
            {
                options.SubmittingLease = zoho.Value.WorstCaseCallDuration;
            }
        }).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TransferOptions>, TransferOptionsValidator>();
        services.AddOptions<PollOptions>().Bind(configuration.GetSection(SettingNames.PollSection));
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(SettingNames.EventsSection));
        services.AddOptions<ZohoCrmClientOptions>().Bind(configuration.GetSection(SettingNames.ZohoSection))
            .PostConfigure(options => options.ResubmitTransferAfterUnknownOutcome = false);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ZohoHttpClientName);

        AddStorage(services, configuration);
        AddIntake(services);
        AddZoho(services);
        AddEvents(services);

        services.AddSingleton(sp => BackoffSchedule.Parse(sp.GetRequiredService<IOptions<PollOptions>>().Value.Backoff));
        services.AddSingleton<UserTransferPlanner>();
        services.AddSingleton<ZohoOperationRunner>();
        services.AddSingleton<UnconfirmedTransferVerifier>();
        services.AddSingleton<JobAdmission>();
        services.AddSingleton<JobDurations>();

        // The pipeline steps the [Function] classes (Triggers/) call.
        services.AddSingleton<IntakeFunction>();
        services.AddSingleton<MergeIntakeFunction>();
        services.AddSingleton<GetOffboardingFunction>();
        services.AddSingleton<ListOffboardingsFunction>();
        services.AddSingleton<HealthFunction>();
        services.AddSingleton<TransferFunction>();
        services.AddSingleton<PollFunction>();
        services.AddSingleton<Contracts.PublishedDocuments>();
        return services;
    }

    private static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        // One reading of AzureWebJobsStorage for the whole app (the local host's triggers use the same clients).
        services.AddStorageClients(configuration);
        services.AddSingleton<PipelineStorage>();
        services.AddHostedService<StorageProvisioner>();
        services.AddSingleton(sp => new OffboardingStore(sp.GetRequiredService<PipelineStorage>().Offboardings));
        services.AddSingleton(sp => new DueIndex(sp.GetRequiredService<PipelineStorage>().Due));
        services.AddSingleton<OffboardingRepository>();
        services.AddSingleton(sp => new JobSlots(sp.GetRequiredService<PipelineStorage>().JobSlots));
        services.AddSingleton(sp => new RequestDispatcher(sp.GetRequiredService<PipelineStorage>().Requests));
        services.AddSingleton(sp => new WebhookMessageIndex(sp.GetRequiredService<PipelineStorage>().Offboardings));
    }

    private static void AddIntake(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
            var secrets = ListSetting.Split(options.WebhookSecrets).Select(WebhookSecret.Parse);
            return new StandardWebhookVerifier(secrets, options.SignatureTolerance, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new MergeSignatureVerifier(ListSetting.Split(sp.GetRequiredService<IOptions<IntakeOptions>>().Value.MergeSignatureKeys)));
        services.AddSingleton<OffboardingRequestReader>();
        services.AddSingleton<OffboardingIntake>();
    }

    private static void AddZoho(IServiceCollection services)
    {
        // Sealed under the Zoho client secret: every instance has it, a reader of the storage account does not.
        services.AddSingleton(sp => new TokenSealer(sp.GetRequiredService<IOptions<ZohoCrmClientOptions>>().Value.ClientSecret));
        services.AddSingleton<TableTokenCache>();
        services.AddSingleton(sp => new ZohoCrmClient(
            sp.GetRequiredService<IOptions<ZohoCrmClientOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>(),
            ZohoHttpClientName,
            sp.GetRequiredService<TableTokenCache>(),
            sp.GetRequiredService<ILogger<ZohoCrmClient>>()));
    }

    private static void AddEvents(IServiceCollection services)
    {
        services.AddSingleton<OffboardingEventFactory>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EventsOptions>>().Value;
            EventGridPublisherClient? eventGrid = options.EventGridEndpoint is null
                ? null
                : string.IsNullOrEmpty(options.EventGridKey)
                    ? new EventGridPublisherClient(options.EventGridEndpoint, new DefaultAzureCredential())
                    : new EventGridPublisherClient(options.EventGridEndpoint, new AzureKeyCredential(options.EventGridKey));
            return new OffboardingEventPublisher(
                sp.GetRequiredService<PipelineStorage>().Events,
                eventGrid,
                sp.GetRequiredService<OffboardingEventFactory>(),
                sp.GetRequiredService<ILogger<OffboardingEventPublisher>>());
        });
        services.AddSingleton<EventOutbox>();
    }
}
