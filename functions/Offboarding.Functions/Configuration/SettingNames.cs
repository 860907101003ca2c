namespace Offboarding.Functions.Configuration;

/// <summary>
/// Every setting the pipeline reads, in one place, in configuration form (<c>Section:Key</c>; <c>Section__Key</c> as an
/// app setting). Each section binds to one options class.
/// </summary>
public static class SettingNames
{
    /// <summary>Storage connection (queues and tables): a connection string, the same setting the Functions host uses.</summary>
    public const string Storage = "AzureWebJobsStorage";

    public const string IntakeSection = "Intake";
    public const string IntakeWebhookSecrets = "Intake:WebhookSecrets";
    public const string IntakeMergeSignatureKeys = "Intake:MergeSignatureKeys";
    public const string IntakeMaxBodyBytes = "Intake:MaxBodyBytes";
    public const string IntakeSignatureTolerance = "Intake:SignatureTolerance";

    public const string TransferSection = "Transfer";
    public const string TransferProtectedUsers = "Transfer:ProtectedUsers";
    public const string TransferFallbackUser = "Transfer:FallbackUser";
    public const string TransferSubmittingLease = "Transfer:SubmittingLease";
    public const string TransferMaxDequeueCount = "Transfer:MaxDequeueCount";
    public const string TransferUnconfirmedWindow = "Transfer:UnconfirmedWindow";
    public const string TransferMaxUnconfirmedAttempts = "Transfer:MaxUnconfirmedAttempts";
    public const string TransferMaxConcurrentJobs = "Transfer:MaxConcurrentJobs";
    public const string TransferSlotWaitMaxDelay = "Transfer:SlotWaitMaxDelay";

    public const string PollSection = "Poll";
    /// <summary>The poll timer's NCRONTAB schedule (six fields), a flat app setting: the trigger reads it as <c>%POLL_SCHEDULE%</c>.</summary>
    public const string PollSchedule = "POLL_SCHEDULE";
    public const string PollBackoff = "Poll:Backoff";
    public const string PollStalledAfter = "Poll:StalledAfter";
    public const string PollMaxConcurrency = "Poll:MaxConcurrency";
    public const string PollMaxDuePerCycle = "Poll:MaxDuePerCycle";
    public const string PollSweepAfter = "Poll:SweepAfter";

    public const string EventsSection = "Events";
    public const string EventsTypePrefix = "Events:TypePrefix";
    public const string EventsSource = "Events:Source";
    public const string EventsEventGridEndpoint = "Events:EventGridEndpoint";
    public const string EventsEventGridKey = "Events:EventGridKey";
    public const string EventsSchemaBaseUri = "Events:SchemaBaseUri";

    public const string OperatorsSection = "Operators";
    public const string OperatorsKey = "Operators:Key";
    public const string OperatorsRole = "Operators:Role";
    public const string OperatorsAllowKeyInAzure = "Operators:AllowKeyInAzure";

    public const string HoldSection = "Hold";
    public const string HoldThreshold = "Hold:Threshold";
    public const string HoldWindow = "Hold:Window";

    public const string BatchesSection = "Batches";
    public const string BatchesRequireSecondApprover = "Batches:RequireSecondApprover";
    public const string BatchesAssumedJobDuration = "Batches:AssumedJobDuration";
    public const string BatchesMaxUploadBytes = "Batches:MaxUploadBytes";

    /// <summary>The Zoho CRM client's options (data centre, client id/secret, refresh token, API version, limits).</summary>
    public const string ZohoSection = "Zoho";

    // The app's own credit rules, in the Zoho section next to the client's settings (docs/adr/006-zoho-api-credits.md).
    public const string ZohoCreditBudget = "Zoho:CreditBudget";
    public const string ZohoCreditReserve = "Zoho:CreditReserve";
    public const string ZohoCreditWindow = "Zoho:CreditWindow";
    public const string ZohoCreditProbeInterval = "Zoho:CreditProbeInterval";
    public const string ZohoCreditProbeMaxInterval = "Zoho:CreditProbeMaxInterval";

    /// <summary>
    /// Zoho client options the pipeline sets itself, whatever the configuration says: it verifies a transfer whose
    /// outcome is unknown before any resubmit (<c>Transfer:UnconfirmedWindow</c>), so the client must not resend one.
    /// </summary>
    public static IReadOnlyList<string> PipelineOwnedZohoKeys { get; } = ["Zoho:ResubmitTransferAfterUnknownOutcome"];

    /// <summary>All keys above, for tests that compare them with local.settings.sample.json and the Bicep template.</summary>
    public static IReadOnlyList<string> PipelineKeys { get; } =
    [
        Storage,
        IntakeWebhookSecrets, IntakeMergeSignatureKeys, IntakeMaxBodyBytes, IntakeSignatureTolerance,
        TransferProtectedUsers, TransferFallbackUser, TransferSubmittingLease, TransferMaxDequeueCount, TransferUnconfirmedWindow, TransferMaxUnconfirmedAttempts,
        TransferMaxConcurrentJobs, TransferSlotWaitMaxDelay,
        PollSchedule, PollBackoff, PollStalledAfter, PollMaxConcurrency, PollMaxDuePerCycle, PollSweepAfter,
        EventsTypePrefix, EventsSource, EventsEventGridEndpoint, EventsEventGridKey, EventsSchemaBaseUri,
        OperatorsKey, OperatorsRole, OperatorsAllowKeyInAzure,
        HoldThreshold, HoldWindow,
        ZohoCreditBudget, ZohoCreditReserve, ZohoCreditWindow, ZohoCreditProbeInterval, ZohoCreditProbeMaxInterval,
    ];

    /// <summary>A key in the app-setting / environment-variable spelling (<c>Section__Key</c>), as operators set it.</summary>
    public static string AsAppSetting(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
