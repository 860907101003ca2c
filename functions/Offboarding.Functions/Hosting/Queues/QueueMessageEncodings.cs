using Offboarding.Storage.Queues;

namespace Offboarding.Functions.Hosting.Queues;

/// <summary>host.json's <c>messageEncoding</c> words mapped to the storage client's encoding.</summary>
internal static class QueueMessageEncodings
{
    public static QueueMessageEncoding? TryParse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "BASE64" => QueueMessageEncoding.Base64,
        "NONE" => QueueMessageEncoding.None,
        _ => null,
    };

    public static QueueMessageEncoding Parse(string? value) =>
        TryParse(value) ?? throw new ArgumentException($"Unknown message encoding '{value}'.", nameof(value));
}
