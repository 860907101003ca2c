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
using Offboarding.Functions.Health;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
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
        AddOperators(services, configuration);
        AddIntake(services);
        AddZoho(services);
        AddEvents(services);

        services.AddSingleton(sp => BackoffSchedule.Parse(sp.GetRequiredService<IOptions<PollOptions>>().Value.Backoff));
        services.AddSingleton<UserTransferPlanner>();
        services.AddSingleton<ZohoOperationRunner>();
        services.AddSingleton<UnconfirmedTransferVerifier>();
        services.AddSingleton<JobAdmission>();
        services.AddSingleton<JobDurations>();
        services.AddSingleton<PollTiming>();
        services.AddSingleton<JobSlotWait>();
        services.AddSingleton<DuplicateMessageCheck>();
        services.AddSingleton<TransferResultWriter>();
        services.AddSingleton<ClaimedTransfer>();
        services.AddSingleton<TransferClaim>();
        services.AddSingleton<TransferProcessor>();
        services.AddSingleton<LastAttemptFailure>();
        services.AddSingleton<UnconfirmedTransferResolution>();
        services.AddSingleton<JobStatusPoll>();
        services.AddSingleton<TransferSweep>();
        services.AddSingleton<DueEntryHandler>();

        // The pipeline steps the [Function] classes (Triggers/) call.
        services.AddSingleton<IntakeHandler>();
        services.AddSingleton<MergeIntakeHandler>();
        services.AddSingleton<RescindHandler>();
        services.AddSingleton<HealthHandler>();
        services.AddSingleton<TransferHandler>();
        services.AddSingleton<PollHandler>();
        services.AddSingleton<Contracts.PublishedDocuments>();
        services.AddSingleton<Contracts.PublishedSchemas>();
        services.AddSingleton<OperatorConsole.ConsoleAssets>();
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
        services.AddSingleton(sp => new RequestDispatcher(sp.GetRequiredService<PipelineStorage>().Requests, sp.GetRequiredService<Sealer>()));
        services.AddSingleton(sp => new WebhookMessageIndex(sp.GetRequiredService<PipelineStorage>().Offboardings));
    }

    /// <summary>Who may act as an operator, the blast-radius hold, and what operators can do: cancel, retry, clear holds, look.</summary>
    private static void AddOperators(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(SettingNames.OperatorsSection))
            .Validate(o => o.Key is null || o.Key.Length >= OperatorKeyMinLength,
                $"{SettingNames.AsAppSetting(SettingNames.OperatorsKey)} must be at least {OperatorKeyMinLength} characters (or unset, to allow only Easy Auth identities).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Role), $"{SettingNames.AsAppSetting(SettingNames.OperatorsRole)} must name the operator app role.")
            .ValidateOnStart();
        services.AddOptions<HoldOptions>().Bind(configuration.GetSection(SettingNames.HoldSection))
            .Validate(o => o.Threshold >= 0, $"{SettingNames.AsAppSetting(SettingNames.HoldThreshold)} must be 0 (off) or more.")
            .Validate(o => o.Window > TimeSpan.Zero, $"{SettingNames.AsAppSetting(SettingNames.HoldWindow)} must be more than zero.")
            .ValidateOnStart();
        services.AddSingleton(OperatorHosting.From(configuration));
        services.AddSingleton<OperatorAuthenticator>();

        services.AddSingleton(sp => new HoldLedger(sp.GetRequiredService<PipelineStorage>().Offboardings));
        services.AddSingleton<BlastRadiusHold>();
        services.AddSingleton<HoldDesk>();
        services.AddSingleton<OffboardingCancellation>();
        services.AddSingleton<OffboardingRetry>();

        AddOperatorFunction<GetOffboardingHandler>(services);
        AddOperatorFunction<ListOffboardingsHandler>(services);
        AddOperatorFunction<CountOffboardingsHandler>(services);
        AddOperatorFunction<CancelOffboardingHandler>(services);
        AddOperatorFunction<RetryOffboardingHandler>(services);
        AddOperatorFunction<GetHoldHandler>(services);
        AddOperatorFunction<ApproveHoldHandler>(services);
        AddOperatorFunction<RejectHoldHandler>(services);
    }

    private const int OperatorKeyMinLength = 32;

    private static void AddOperatorFunction<TFunction>(IServiceCollection services)
        where TFunction : class, IOperatorHandler
    {
        services.AddSingleton<TFunction>();
        services.AddSingleton<OperatorEndpoint<TFunction>>();
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
        services.AddSingleton(sp => new Sealer(sp.GetRequiredService<IOptions<ZohoCrmClientOptions>>().Value.ClientSecret));
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
