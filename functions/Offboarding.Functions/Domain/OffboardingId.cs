using System.Security.Cryptography;
using System.Text;

namespace Offboarding.Functions.Domain;

/// <summary>
/// The offboarding id, derived from (source system, source event id) so a sender's retries of the
/// same event map to the same offboarding. 32 lowercase hex characters: safe as a table key and in URLs.
/// </summary>
public static class OffboardingId
{
    public const int Length = 32;

    public static string From(string source, string sourceEventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(sourceEventId);

        // The length prefix keeps ("a:b", "c") and ("a", "b:c") apart.
        var input = $"{source.Length}:{source.ToLowerInvariant()}:{sourceEventId}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(hash.AsSpan(0, Length / 2));
    }

    /// <summary>True for a string of the shape <see cref="From"/> produces; anything else is not an id.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
