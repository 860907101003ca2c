namespace Offboarding.Storage.Tables;

/// <summary>
/// Partition/row key rules, enforced before any request: the service forbids / \ # ? and control characters
/// and limits keys to 1 KiB (512 UTF-16 characters). Also builds the <c>(PartitionKey='…',RowKey='…')</c> path.
/// </summary>
internal static class TableKeys
{
    public const int MaxLength = 512;

    public static void Validate(string? key, string name)
    {
        ArgumentNullException.ThrowIfNull(key, name);
        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"The {name} is {key.Length} characters; the table service allows at most {MaxLength} (1 KiB).", name);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                throw new ArgumentException($"The {name} contains '{shown}'; table keys may not contain / \\ # ? or control characters.", name);
            }
        }
    }

    public static void Validate(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!entity.ContainsKey(TableEntity.PartitionKeyName) || !entity.ContainsKey(TableEntity.RowKeyName))
        {
            throw new ArgumentException("The entity needs a PartitionKey and a RowKey.", nameof(entity));
        }

        Validate(entity.PartitionKey, "PartitionKey");
        Validate(entity.RowKey, "RowKey");
    }

    /// <summary>The entity address appended to the table path, with quotes doubled and everything percent-encoded.</summary>
    public static string EntityPath(string partitionKey, string rowKey) =>
        $"(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

    private static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
