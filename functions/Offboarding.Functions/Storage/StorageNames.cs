namespace Offboarding.Functions.Storage;

/// <summary>
/// Queue and table names. Fixed, not settings: the [QueueTrigger] attributes name the same queues, infra/main.bicep
/// creates them all, and a rename is a migration, not a configuration change.
/// </summary>
public static class StorageNames
{
    public const string RequestQueue = "offboarding-requests";
    public const string RequestPoisonQueue = RequestQueue + "-poison";
    public const string EventQueue = "offboarding-events";

    public const string OffboardingTable = "offboardings";
    public const string DueIndexTable = "offboardingdue";
    public const string TokenTable = "zohotokens";
    public const string JobSlotTable = "zohojobslots";
    public const string BatchTable = "offboardingbatches";
    public const string CreditTable = "zohocredits";
}
