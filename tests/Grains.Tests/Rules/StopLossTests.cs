using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class StopLossTests
{
    private static Quote Quote(decimal bid, decimal ask) => new("AAPL", bid, ask, EntryCheckBuilder.DefaultNow);

    // ---- initial placement ------------------------------------------------------------------

    [Fact]
    public void Long_stop_is_below_the_fill()
    {
        Assert.Equal(98m, StopLoss.InitialPrice(PositionSide.Long, 100m, 2m));
    }

    [Fact]
    public void Short_stop_is_above_the_fill()
    {
        Assert.Equal(102m, StopLoss.InitialPrice(PositionSide.Short, 100m, 2m));
    }

    [Theory]
    [InlineData(PositionSide.Long, "150.40", "0.5", "149.648")]
    [InlineData(PositionSide.Short, "150.40", "0.5", "151.152")]
    [InlineData(PositionSide.Long, "20", "10", "18")]
    [InlineData(PositionSide.Short, "20", "10", "22")]
    public void Stop_is_fill_times_one_minus_or_plus_percent(PositionSide side, string fill, string percent, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(decimal.Parse(expected, inv),
            StopLoss.InitialPrice(side, decimal.Parse(fill, inv), decimal.Parse(percent, inv)));
    }

    // ---- triggering -------------------------------------------------------------------------

    [Fact]
    public void Long_triggers_when_bid_equals_stop()
    {
        Assert.True(StopLoss.IsTriggered(PositionSide.Long, 98m, Quote(98.00m, 98.05m)));
    }

    [Fact]
    public void Long_triggers_when_bid_is_below_stop()
    {
        Assert.True(StopLoss.IsTriggered(PositionSide.Long, 98m, Quote(97.50m, 97.55m)));
    }

    [Fact]
    public void Long_does_not_trigger_while_bid_is_above_stop()
    {
        Assert.False(StopLoss.IsTriggered(PositionSide.Long, 98m, Quote(98.01m, 98.06m)));
    }

    [Fact]
    public void Long_trigger_looks_at_the_bid_not_the_ask()
    {
        // Bid at/below the stop, ask above it: triggered.
        Assert.True(StopLoss.IsTriggered(PositionSide.Long, 98m, Quote(97.99m, 98.10m)));
    }

    [Fact]
    public void Short_triggers_when_ask_equals_stop()
    {
        Assert.True(StopLoss.IsTriggered(PositionSide.Short, 102m, Quote(101.95m, 102.00m)));
    }

    [Fact]
    public void Short_triggers_when_ask_is_above_stop()
    {
        Assert.True(StopLoss.IsTriggered(PositionSide.Short, 102m, Quote(102.40m, 102.50m)));
    }

    [Fact]
    public void Short_does_not_trigger_while_ask_is_below_stop()
    {
        Assert.False(StopLoss.IsTriggered(PositionSide.Short, 102m, Quote(101.90m, 101.99m)));
    }

    [Fact]
    public void Short_trigger_looks_at_the_ask_not_the_bid()
    {
        // Ask at/above the stop, bid below it: triggered.
        Assert.True(StopLoss.IsTriggered(PositionSide.Short, 102m, Quote(101.90m, 102.01m)));
    }

    // ---- trailing ---------------------------------------------------------------------------

    [Fact]
    public void Long_trailing_stop_rises_with_a_new_high()
    {
        Assert.Equal(107.80m, StopLoss.Trail(PositionSide.Long, 98m, 110m, 2m));
    }

    [Fact]
    public void Long_trailing_stop_never_falls()
    {
        // Candidate 95 x 0.98 = 93.10 is below the current 98: keep 98.
        Assert.Equal(98m, StopLoss.Trail(PositionSide.Long, 98m, 95m, 2m));
    }

    [Fact]
    public void Short_trailing_stop_falls_with_a_new_low()
    {
        Assert.Equal(91.80m, StopLoss.Trail(PositionSide.Short, 102m, 90m, 2m));
    }

    [Fact]
    public void Short_trailing_stop_never_rises()
    {
        // Candidate 105 x 1.02 = 107.10 is above the current 102: keep 102.
        Assert.Equal(102m, StopLoss.Trail(PositionSide.Short, 102m, 105m, 2m));
    }

    [Fact]
    public void Long_trailing_stop_ratchets_over_a_price_path()
    {
        var stop = StopLoss.InitialPrice(PositionSide.Long, 100m, 1m); // 99
        foreach (var best in new[] { 101m, 103m, 102m, 100m, 104m, 99m })
        {
            var next = StopLoss.Trail(PositionSide.Long, stop, best, 1m);
            Assert.True(next >= stop, $"Stop moved against the long from {stop} to {next}.");
            stop = next;
        }

        Assert.Equal(102.96m, stop); // 104 x 0.99
    }

    [Fact]
    public void Short_trailing_stop_ratchets_over_a_price_path()
    {
        var stop = StopLoss.InitialPrice(PositionSide.Short, 100m, 1m); // 101
        foreach (var best in new[] { 99m, 97m, 98m, 100m, 96m, 101m })
        {
            var next = StopLoss.Trail(PositionSide.Short, stop, best, 1m);
            Assert.True(next <= stop, $"Stop moved against the short from {stop} to {next}.");
            stop = next;
        }

        Assert.Equal(96.96m, stop); // 96 x 1.01
    }

    // ---- exit price -------------------------------------------------------------------------

    [Fact]
    public void Long_exits_at_the_bid()
    {
        Assert.Equal(100.00m, StopLoss.ExitPrice(PositionSide.Long, Quote(100.00m, 100.05m)));
    }

    [Fact]
    public void Short_exits_at_the_ask()
    {
        Assert.Equal(100.05m, StopLoss.ExitPrice(PositionSide.Short, Quote(100.00m, 100.05m)));
    }
}
