using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Tests.Polling;

public sealed class BackoffScheduleTests
{
    private static readonly int[] ExpectedSeconds = [30, 60, 120, 300, 600, 600, 600, 600];

    [Fact]
    public void Default_schedule_is_30s_1m_2m_5m_then_every_10m()
    {
        var schedule = BackoffSchedule.Parse(new PollOptions().Backoff);
        var delays = Enumerable.Range(0, 8).Select(schedule.DelayFor).ToArray();
        Assert.Equal(ExpectedSeconds.Select(s => TimeSpan.FromSeconds(s)), delays);
    }

    [Fact]
    public void Custom_schedules_are_honoured() =>
        Assert.Equal(TimeSpan.FromSeconds(2), BackoffSchedule.Parse("00:00:01, 00:00:02").DelayFor(9));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    public void Bad_schedules_are_refused(string value) =>
        Assert.ThrowsAny<Exception>(() => BackoffSchedule.Parse(value));
}
