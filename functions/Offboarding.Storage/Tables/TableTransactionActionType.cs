namespace Offboarding.Storage.Tables;

/// <summary>What one operation of an entity group transaction does.</summary>
public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    UpsertMerge,
    UpsertReplace,
    Delete,
}
