using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class ExitChecksTests
{
    private static Denial? Evaluate(ExitCheckBuilder builder) => ExitChecks.Evaluate(builder.Build());

    [Fact]
    public void Default_close_passes_and_asks_for_its_quantity()
    {
        var check = ExitCheckBuilder.Valid().Build();

        Assert.Null(ExitChecks.Evaluate(check));
        Assert.Equal(10m, check.OrderQuantity);
    }

    [Theory]
    [InlineData(KillSwitchState.Active)]
    [InlineData(KillSwitchState.ReduceOnly)]
    public void Kill_switch_short_of_halted_allows_exits(KillSwitchState state)
    {
        Assert.Null(Evaluate(ExitCheckBuilder.Valid().WithKillSwitch(state)));
    }

    [Fact]
    public void Halted_kill_switch_blocks_exits()
    {
        Assert.Equal(new Denial(RejectionReason.KillSwitch, "Kill-switch is halted: trading is stopped."),
            Evaluate(ExitCheckBuilder.Valid().WithKillSwitch(KillSwitchState.Halted)));
    }

    [Fact]
    public void Nothing_open_is_denied_naming_the_side_that_would_be_closed()
    {
        Assert.Equal(new Denial(RejectionReason.NoOpenPosition, "No open long position in AAPL for a sell to close."),
            Evaluate(ExitCheckBuilder.Valid().WithoutPositions()));
    }

    [Fact]
    public void Buy_does_not_close_a_long()
    {
        Assert.Equal(new Denial(RejectionReason.NoOpenPosition, "No open short position in AAPL for a buy to close."),
            Evaluate(ExitCheckBuilder.Valid().WithSide(OrderSide.Buy)));
    }

    [Fact]
    public void Position_in_another_symbol_is_nothing_to_close()
    {
        Assert.Equal(RejectionReason.NoOpenPosition,
            Evaluate(ExitCheckBuilder.Valid().WithoutPositions().WithPosition(PositionSide.Long, 10m, "MSFT"))?.Reason);
    }

    [Fact]
    public void Everything_already_being_closed_is_denied()
    {
        Assert.Equal(new Denial(RejectionReason.NoOpenPosition, "Every open AAPL position is already being closed."),
            Evaluate(ExitCheckBuilder.Valid().AlreadyClosing(10m)));
    }

    [Fact]
    public void Close_larger_than_what_is_left_is_cut_to_it()
    {
        var check = ExitCheckBuilder.Valid().WithPosition(PositionSide.Long, 5m).AlreadyClosing(12m).WithQuantity(50m).Build();

        Assert.Null(ExitChecks.Evaluate(check));
        Assert.Equal((15m, 3m, 3m), (check.Open, check.Closable, check.OrderQuantity));
    }

    [Fact]
    public void Exit_without_a_quote_cannot_be_priced()
    {
        Assert.Equal(new Denial(RejectionReason.NoQuote, "No quote for AAPL: the exit cannot be priced."),
            Evaluate(ExitCheckBuilder.Valid().WithoutQuote()));
    }

    [Fact]
    public void Checks_run_in_order_halted_first_then_nothing_open_then_nothing_left_then_price()
    {
        var everythingWrong = ExitCheckBuilder.Valid().WithoutQuote().AlreadyClosing(10m);

        Assert.Equal(RejectionReason.KillSwitch, Evaluate(everythingWrong.WithKillSwitch(KillSwitchState.Halted))?.Reason);
        Assert.StartsWith("Every open", Evaluate(everythingWrong.WithKillSwitch(KillSwitchState.Active))?.Detail);
        Assert.StartsWith("No open long", Evaluate(everythingWrong.WithoutPositions())?.Detail);
    }
}
