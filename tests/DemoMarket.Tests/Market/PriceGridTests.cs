using OrleansTrading.DemoMarket.Market;

namespace OrleansTrading.DemoMarket.Tests.Market;

public sealed class PriceGridTests
{
    [Theory]
    [InlineData(100, 4, 99.98, 100.02)]   // 4 bps of 100 = 4 cents, around the mid
    [InlineData(100, 0.1, 99.99, 100.00)] // less than a tick: one tick
    [InlineData(250.005, 6, 249.93, 250.08)]
    [InlineData(0.5, 20, 0.4995, 0.5005)] // below 1 the grid is a hundredth of a cent
    public void Bid_and_ask_sit_on_the_grid_a_whole_number_of_ticks_apart(decimal mid, decimal spreadBps, decimal bid, decimal ask)
    {
        Assert.Equal((bid, ask), PriceGrid.Quote(mid, spreadBps));
    }

    [Fact]
    public void The_bid_never_falls_to_zero()
    {
        var (bid, ask) = PriceGrid.Quote(0.0001m, 500m);

        Assert.Equal(0.0001m, bid);
        Assert.True(ask > bid);
    }
}
