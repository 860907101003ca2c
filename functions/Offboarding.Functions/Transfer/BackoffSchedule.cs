using System.Globalization;

namespace Offboarding.Functions.Transfer;

/// <summary>Delays between polls of one job: the n-th poll waits the n-th delay; the last delay repeats forever.</summary>
public sealed class BackoffSchedule
{
    private readonly TimeSpan[] _delays;

    public BackoffSchedule(IEnumerable<TimeSpan> delays)
    {
        ArgumentNullException.ThrowIfNull(delays);
        _delays = [.. delays];
        if (_delays.Length == 0 || _delays.Any(d => d <= TimeSpan.Zero))
        {
            throw new ArgumentException("A back-off schedule needs at least one positive delay.", nameof(delays));
        }
    }

    public IReadOnlyList<TimeSpan> Delays => _delays;

    /// <summary>Parses "00:00:30,00:01:00,…" (TimeSpan invariant format), as the Poll:Backoff setting holds it.</summary>
    public static BackoffSchedule Parse(string value)
    {
        var parts = Configuration.ListSetting.Split(value);
        var delays = new List<TimeSpan>(parts.Count);
        foreach (var part in parts)
        {
            if (!TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var delay) || delay <= TimeSpan.Zero)
            {
                throw new FormatException($"'{part}' in the poll back-off setting is not a positive TimeSpan like 00:00:30.");
            }

            delays.Add(delay);
        }

        return new BackoffSchedule(delays);
    }

    /// <summary>The delay before poll number <paramref name="attempt"/> (0 = the first poll after submission).</summary>
    public TimeSpan DelayFor(int attempt) => _delays[Math.Clamp(attempt, 0, _delays.Length - 1)];
}
