using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class PnlTests
{
    [Fact]
    public void Long_gains_when_exit_is_above_entry()
    {
        Assert.Equal(50m, Pnl.Of(PositionSide.Long, 100m, 105m, 10m));
    }

    [Fact]
    public void Long_loses_when_exit_is_below_entry()
    {
        Assert.Equal(-20m, Pnl.Of(PositionSide.Long, 100m, 98m, 10m));
    }

    [Fact]
    public void Short_gains_when_exit_is_below_entry()
    {
        Assert.Equal(20m, Pnl.Of(PositionSide.Short, 100m, 98m, 10m));
    }

    [Fact]
    public void Short_loses_when_exit_is_above_entry()
    {
        Assert.Equal(-50m, Pnl.Of(PositionSide.Short, 100m, 105m, 10m));
    }

    [Theory]
    [InlineData(PositionSide.Long)]
    [InlineData(PositionSide.Short)]
    public void Exit_at_entry_is_break_even(PositionSide side)
    {
        Assert.Equal(0m, Pnl.Of(side, 100.05m, 100.05m, 37m));
    }

    [Fact]
    public void Pnl_is_exact_for_fractional_prices_and_quantities()
    {
        // (100.00 - 100.05) x 12.5 = -0.625
        Assert.Equal(-0.625m, Pnl.Of(PositionSide.Long, 100.05m, 100.00m, 12.5m));
        Assert.Equal(0.625m, Pnl.Of(PositionSide.Short, 100.05m, 100.00m, 12.5m));
    }

    [Fact]
    public void Long_and_short_are_mirror_images()
    {
        Assert.Equal(-Pnl.Of(PositionSide.Long, 123.45m, 120.01m, 7m), Pnl.Of(PositionSide.Short, 123.45m, 120.01m, 7m));
    }
}
