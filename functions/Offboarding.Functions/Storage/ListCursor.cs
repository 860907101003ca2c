using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>
/// A position in the newest-first listing: the creation time and id of the last item a page showed. Opaque to callers
/// (base64url), and stable while records are added, since a page starts strictly after it.
/// </summary>
public sealed record ListCursor(DateTimeOffset CreatedAt, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{Id}")));

    public static bool TryDecode(string? token, out ListCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && OffboardingId.IsWellFormed(parts[1]))
            {
                cursor = new ListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    /// <summary>Listing order: newer first, then by id, so items created in the same tick still have one place each.</summary>
    public static IComparer<ListCursor> NewestFirst { get; } = Comparer<ListCursor>.Create((x, y) =>
        y.CreatedAt.CompareTo(x.CreatedAt) is var byTime and not 0 ? byTime : string.CompareOrdinal(y.Id, x.Id));
}
