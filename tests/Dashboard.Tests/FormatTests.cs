using OrleansTrading.Abstractions;
using OrleansTrading.Dashboard.Presentation;

namespace OrleansTrading.Dashboard.Tests;

public sealed class FormatTests
{
    [Theory]
    [InlineData(PositionSide.Long, 100, 98, 2)]      // 2 % of room below a long
    [InlineData(PositionSide.Short, 100, 102, 2)]    // 2 % of room above a short
    [InlineData(PositionSide.Long, 97, 98, -1.0309)] // already through the stop
    public void Stop_distance_is_the_room_left_in_percent_of_the_current_price(PositionSide side, decimal current, decimal stop, decimal expected) =>
        Assert.Equal(expected, Format.StopDistancePercent(Snapshots.Position(side: side, current: current, stop: stop)));

    [Fact]
    public void An_unpriced_position_has_no_stop_distance() =>
        Assert.Null(Format.StopDistancePercent(Snapshots.Position(current: null)));

    [Fact]
    public void A_cooldown_counts_down_in_minutes_and_seconds_and_disappears_when_over()
    {
        Assert.Equal("4:05", Format.Countdown(Snapshots.Now.AddSeconds(245), Snapshots.Now));
        Assert.Null(Format.Countdown(Snapshots.Now, Snapshots.Now));
        Assert.Null(Format.Countdown(null, Snapshots.Now));
    }

    [Fact]
    public void Money_has_fixed_decimals_and_a_sign_when_it_is_pnl()
    {
        Assert.Equal("100,000.50", Format.Money(100_000.5m));
        Assert.Equal("-12.30", Format.SignedMoney(-12.3m));
        Assert.Equal("+0.05", Format.SignedMoney(0.05m));
    }

    [Fact]
    public void A_rejection_reads_as_its_reason_code_and_the_engines_plain_words()
    {
        var decision = Snapshots.Rejected("va-1", RejectionReason.SpreadTooWide, "Spread is 12.4 bps (max 10 bps).");
        Assert.Equal("spreadTooWide: Spread is 12.4 bps (max 10 bps).", Format.Outcome(decision));
        Assert.Equal("accepted 10 @ 100.05", Format.Outcome(Snapshots.Accepted("va-1")));
    }

    [Fact]
    public void The_equity_curve_adds_each_trade_in_closing_order_and_measures_drawdown_from_the_running_peak()
    {
        TradeRecord Trade(int minute, decimal pnl) =>
            new("t", "va-1", "P1", "AAPL", PositionSide.Long, 1m, 100m, 100m + pnl, pnl, OrderPurpose.Signal, "ord-1",
                Snapshots.Now, Snapshots.Now.AddMinutes(minute));

        var curve = Presentation.EquityCurve.From(1_000m, Snapshots.Now, [Trade(3, -50m), Trade(1, 100m), Trade(2, -110m)]);

        Assert.Equal([1_000m, 1_100m, 990m, 940m], curve.Equity);
        Assert.Equal([0m, 0m, 10m, 14.5455m], curve.DrawdownPercent);
    }
}
