using Offboarding.LocalHost.Timers;

namespace Offboarding.Functions.Tests.Hosting.Timers;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Base = new(2026, 3, 6, 9, 29, 59, TimeSpan.Zero); // a Friday

    [Theory]
    [InlineData("*/30 * * * * *", "2026-03-06T09:30:00Z")]
    [InlineData("0 */5 * * * *", "2026-03-06T09:30:00Z")]
    [InlineData("0 30 9 * * 1-5", "2026-03-06T09:30:00Z")]
    [InlineData("0 30 9 * * Mon", "2026-03-09T09:30:00Z")]
    [InlineData("15 0 0 1 Jan *", "2027-01-01T00:00:15Z")]
    public void Six_field_expressions_give_the_next_occurrence_in_utc(string expression, string expected)
    {
        var next = TimerSchedule.Parse(expression).NextAfter(Base);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void The_next_occurrence_is_strictly_after_the_given_time()
    {
        var schedule = TimerSchedule.Parse("0 * * * * *");
        var onTheMinute = new DateTimeOffset(2026, 3, 6, 9, 30, 0, TimeSpan.Zero);

        Assert.Equal(onTheMinute.AddMinutes(1), schedule.NextAfter(onTheMinute));
    }

    [Fact]
    public void A_time_in_another_offset_is_read_as_the_same_instant()
    {
        var schedule = TimerSchedule.Parse("0 0 12 * * *");
        var elevenUtcInParis = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero), schedule.NextAfter(elevenUtcInParis));
    }

    [Theory]
    [InlineData("*/5 * * * *", "five fields")]
    [InlineData("", "empty")]
    [InlineData("0 0 0 0 0 0 0", "seven fields")]
    [InlineData("61 * * * * *", "second out of range")]
    [InlineData("a b c d e f", "words")]
    [InlineData("00:05:00", "a TimeSpan (only on dedicated plans)")]
    public void Anything_but_a_valid_six_field_expression_is_refused_with_a_clear_message(string expression, string why)
    {
        var error = Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression));

        Assert.Contains("schedule", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(why));
    }
}
