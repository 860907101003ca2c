using NCrontab;

namespace Offboarding.LocalHost.Timers;

/// <summary>An NCRONTAB schedule as the Functions timer trigger reads it: six fields, seconds first, in UTC.</summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule _schedule;

    private TimerSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        _schedule = schedule;
    }

    public string Expression { get; }

    /// <exception cref="FormatException">Not a six-field NCRONTAB expression; the message says what was expected.</exception>
    public static TimerSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var trimmed = expression.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            throw new FormatException(
                $"Timer schedule '{expression}' has {fields} fields; NCRONTAB needs six: second minute hour day month day-of-week (e.g. '*/30 * * * * *').");
        }

        var schedule = CrontabSchedule.TryParse(trimmed, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new FormatException($"Timer schedule '{expression}' is not a valid NCRONTAB expression.");
        return new TimerSchedule(trimmed, schedule);
    }

    /// <summary>The first occurrence strictly after <paramref name="time"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset time)
    {
        var next = _schedule.GetNextOccurrence(time.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    public override string ToString() => Expression;
}
