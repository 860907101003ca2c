namespace Offboarding.Storage.Tables;

/// <summary>How an update treats properties the stored entity has but the sent one lacks.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep them (MERGE).</summary>
    Merge,

    /// <summary>Drop them: the stored entity becomes exactly the sent one (PUT).</summary>
    Replace,
}
