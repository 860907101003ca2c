using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Tests.Persistence;

public sealed class RequestDispatcherTests
{
    [Theory]
    [InlineData(0.4, 1)]
    [InlineData(0.001, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(59.9, 60)]
    public void A_delay_is_held_back_in_whole_seconds_rounded_up_so_a_short_wait_does_not_come_straight_back(double seconds, int heldBack)
    {
        Assert.Equal(TimeSpan.FromSeconds(heldBack), RequestDispatcher.Visibility(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void No_delay_is_visible_at_once_and_a_delay_past_the_queues_limit_is_capped()
    {
        Assert.Null(RequestDispatcher.Visibility(TimeSpan.Zero));
        Assert.Null(RequestDispatcher.Visibility(TimeSpan.FromSeconds(-3)));
        Assert.Equal(RequestDispatcher.MaxDelay, RequestDispatcher.Visibility(TimeSpan.FromDays(30)));
    }
}
