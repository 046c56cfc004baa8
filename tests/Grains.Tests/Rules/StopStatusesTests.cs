using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class StopStatusesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);

    private static Quote QuoteAt(decimal bid, decimal ask, int ageMs) => new("AAPL", bid, ask, Now.AddMilliseconds(-ageMs));

    private static StopStatus Of(PositionSide side, Quote? quote, bool exiting = false) =>
        StopStatuses.Of(side, side == PositionSide.Long ? 98m : 102m, exiting, quote, MarketFilters.IsFresh(quote, Now, MaxAge));

    [Theory]
    [InlineData(PositionSide.Long, 97.00, 97.05)]
    [InlineData(PositionSide.Short, 102.95, 103.00)]
    public void A_stale_quote_across_the_stop_leaves_it_waiting_and_a_fresh_one_does_not(PositionSide side, decimal bid, decimal ask)
    {
        Assert.Equal(StopStatus.WaitingForFreshQuote, Of(side, QuoteAt(bid, ask, 501)));
        Assert.Equal(StopStatus.Armed, Of(side, QuoteAt(bid, ask, 500))); // fresh: the stop fires rather than waits
    }

    [Fact]
    public void A_stale_quote_short_of_the_stop_or_no_quote_leaves_it_armed()
    {
        Assert.Equal(StopStatus.Armed, Of(PositionSide.Long, QuoteAt(99m, 99.05m, 5_000)));
        Assert.Equal(StopStatus.Armed, Of(PositionSide.Long, null));
    }

    [Fact]
    public void A_working_exit_order_is_exiting_whatever_the_quote()
    {
        Assert.Equal(StopStatus.Exiting, Of(PositionSide.Long, QuoteAt(97m, 97.05m, 5_000), exiting: true));
        Assert.Equal(StopStatus.Exiting, Of(PositionSide.Short, null, exiting: true));
    }

    [Fact]
    public void A_quote_from_beyond_the_age_limit_in_the_future_is_not_fresh()
    {
        Assert.False(MarketFilters.IsFresh(QuoteAt(100m, 100.05m, -501), Now, MaxAge));
        Assert.True(MarketFilters.IsFresh(QuoteAt(100m, 100.05m, -500), Now, MaxAge));
    }
}
