namespace Offboarding.Functions.Batches;

/// <summary>One person of an uploaded batch as sent (a CSV line or a JSON list item), before validation.</summary>
/// <param name="Line">The CSV line it starts on (the header is line 1), or its 1-based position in a JSON list.</param>
public sealed record BatchRow(int Line, IReadOnlyDictionary<string, string?> Fields)
{
    public string? this[string column] => Fields.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>The columns a batch row may carry: the CSV header names and the JSON members, published in openapi.json.</summary>
public static class BatchColumns
{
    public const string WorkEmail = "workEmail";
    public const string HrisId = "hrisId";
    public const string Name = "name";
    public const string EffectiveAt = "effectiveAt";

    /// <summary>Who receives the person's records: a Zoho user id or an email; absent, the manager rule decides.</summary>
    public const string TransferTo = "transferTo";
    public const string Operation = "operation";

    public static IReadOnlyList<string> All { get; } = [WorkEmail, HrisId, Name, EffectiveAt, TransferTo, Operation];
}
