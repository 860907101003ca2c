using System.Globalization;
using System.Net.Http.Headers;

namespace Zoho.Crm;

/// <summary>
/// How long the server asked us to wait: <c>Retry-After</c>, or the <c>X-RateLimit-Remaining</c>/<c>-Reset</c> pair some
/// Zoho services send. Zoho CRM's use of these headers is unconfirmed, so all are optional.
/// </summary>
internal static class RetryAfterReader
{
    // Anything above this is an absolute epoch time rather than a relative number of seconds.
    private const long EpochThreshold = 1_000_000_000;

    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is TimeSpan delta)
            {
                return NonNegative(delta);
            }

            if (retryAfter.Date is DateTimeOffset date)
            {
                return NonNegative(date - now);
            }
        }

        if (TryReadLong(headers, "X-RateLimit-Remaining", out var remaining) && remaining <= 0 &&
            TryReadLong(headers, "X-RateLimit-Reset", out var reset))
        {
            return reset > EpochThreshold
                ? NonNegative(DateTimeOffset.FromUnixTimeSeconds(reset) - now)
                : NonNegative(TimeSpan.FromSeconds(reset));
        }

        return null;
    }

    private static bool TryReadLong(HttpResponseHeaders headers, string name, out long value)
    {
        value = 0;
        return headers.TryGetValues(name, out var values) &&
               long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static TimeSpan NonNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
