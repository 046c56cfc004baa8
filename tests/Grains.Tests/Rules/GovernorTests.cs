using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class GovernorTests
{
    private static readonly DateTimeOffset Now = EntryCheckBuilder.DefaultNow;

    private static OpenPosition Position(string symbol, PositionSide side) => new(symbol, side, 10m, 100m);

    // ---- kill-switch ------------------------------------------------------------------------

    [Fact]
    public void Active_kill_switch_allows_entries()
    {
        Assert.Null(Governor.CheckKillSwitchForEntry(KillSwitchState.Active));
    }

    [Theory]
    [InlineData(KillSwitchState.ReduceOnly)]
    [InlineData(KillSwitchState.Halted)]
    public void ReduceOnly_or_halted_kill_switch_blocks_entries(KillSwitchState state)
    {
        var denial = Governor.CheckKillSwitchForEntry(state);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.KillSwitch, denial.Reason);
    }

    [Theory]
    [InlineData(KillSwitchState.Active)]
    [InlineData(KillSwitchState.ReduceOnly)]
    public void Exits_are_allowed_unless_halted(KillSwitchState state)
    {
        Assert.Null(Governor.CheckKillSwitchForExit(state));
    }

    [Fact]
    public void Halted_kill_switch_blocks_exits()
    {
        var denial = Governor.CheckKillSwitchForExit(KillSwitchState.Halted);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.KillSwitch, denial.Reason);
    }

    // ---- cooldown ---------------------------------------------------------------------------

    [Fact]
    public void No_cooldown_allows_entries()
    {
        Assert.Null(Governor.CheckCooldown(null, Now));
    }

    [Fact]
    public void Now_before_cooldownUntil_is_denied()
    {
        var denial = Governor.CheckCooldown(Now.AddMinutes(5), Now);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.Cooldown, denial.Reason);
    }

    [Fact]
    public void One_tick_before_cooldownUntil_is_still_denied()
    {
        var until = Now.AddMinutes(5);

        var denial = Governor.CheckCooldown(until, until.AddTicks(-1));

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.Cooldown, denial.Reason);
    }

    [Fact]
    public void Cooldown_expires_exactly_at_cooldownUntil()
    {
        Assert.Null(Governor.CheckCooldown(Now, Now));
    }

    [Fact]
    public void Cooldown_in_the_past_allows_entries()
    {
        Assert.Null(Governor.CheckCooldown(Now.AddSeconds(-1), Now));
    }

    [Fact]
    public void Cooldown_compares_instants_not_wall_clock_offsets()
    {
        // 10:00 New York (-05:00) is the same instant as 15:00 UTC: the cooldown has expired.
        var untilInNewYork = new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.FromHours(-5));
        Assert.Null(Governor.CheckCooldown(untilInNewYork, Now));

        var oneSecondLater = untilInNewYork.AddSeconds(1);
        Assert.NotNull(Governor.CheckCooldown(oneSecondLater, Now));
    }

    // ---- symbol lock ------------------------------------------------------------------------

    [Theory]
    [InlineData(PositionSide.Long)]
    [InlineData(PositionSide.Short)]
    public void No_positions_never_lock(PositionSide side)
    {
        Assert.Null(Governor.CheckSymbolLock("AAPL", side, []));
    }

    [Theory]
    [InlineData(PositionSide.Long)]
    [InlineData(PositionSide.Short)]
    public void Same_symbol_and_side_is_not_locked(PositionSide side)
    {
        Assert.Null(Governor.CheckSymbolLock("AAPL", side, [Position("AAPL", side), Position("AAPL", side)]));
    }

    [Fact]
    public void Position_in_another_symbol_locks_the_account()
    {
        var denial = Governor.CheckSymbolLock("AAPL", PositionSide.Long, [Position("MSFT", PositionSide.Long)]);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.SymbolLocked, denial.Reason);
        Assert.Contains("MSFT", denial.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PositionSide.Long, PositionSide.Short)]
    [InlineData(PositionSide.Short, PositionSide.Long)]
    public void Opposite_side_in_the_same_symbol_is_locked(PositionSide held, PositionSide requested)
    {
        var denial = Governor.CheckSymbolLock("AAPL", requested, [Position("AAPL", held)]);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.SymbolLocked, denial.Reason);
    }

    [Fact]
    public void Any_foreign_position_locks_even_after_matching_ones()
    {
        var positions = new[] { Position("AAPL", PositionSide.Long), Position("MSFT", PositionSide.Long) };

        var denial = Governor.CheckSymbolLock("AAPL", PositionSide.Long, positions);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.SymbolLocked, denial.Reason);
    }

    [Fact]
    public void Entry_sides_map_buy_to_long_and_sell_to_short()
    {
        Assert.Equal(PositionSide.Long, PositionSides.ForEntry(OrderSide.Buy));
        Assert.Equal(PositionSide.Short, PositionSides.ForEntry(OrderSide.Sell));
        Assert.Equal(OrderSide.Sell, PositionSides.ExitSide(PositionSide.Long));
        Assert.Equal(OrderSide.Buy, PositionSides.ExitSide(PositionSide.Short));
    }

    // ---- max open positions -----------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Fewer_positions_than_the_max_are_allowed(int open)
    {
        Assert.Null(Governor.CheckMaxOpenPositions(open, 3));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Positions_at_or_above_the_max_are_denied(int open)
    {
        var denial = Governor.CheckMaxOpenPositions(open, 3);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.MaxOpenPositions, denial.Reason);
    }

    [Fact]
    public void Max_of_one_allows_only_the_first_position()
    {
        Assert.Null(Governor.CheckMaxOpenPositions(0, 1));
        Assert.NotNull(Governor.CheckMaxOpenPositions(1, 1));
    }
}
