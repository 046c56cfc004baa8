using Microsoft.Extensions.Time.Testing;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class EntryGuardsTests
{
    private static readonly TradingOptions Options = EntryCheckBuilder.DefaultOptions();

    private static Denial? Evaluate(EntryCheckBuilder builder, TradingOptions? options = null) =>
        EntryGuards.Evaluate(builder.Build(), options ?? Options);

    private static void AssertDenied(RejectionReason expected, Denial? denial)
    {
        Assert.NotNull(denial);
        Assert.Equal(expected, denial.Reason);
        Assert.False(string.IsNullOrWhiteSpace(denial.Detail));
    }

    [Fact]
    public void Default_request_passes_every_guard()
    {
        Assert.Null(Evaluate(EntryCheckBuilder.Valid()));
    }

    [Fact]
    public void Default_sell_request_passes_every_guard()
    {
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithSide(OrderSide.Sell)));
    }

    // ---- each guard on its own --------------------------------------------------------------

    [Theory]
    [InlineData(KillSwitchState.ReduceOnly)]
    [InlineData(KillSwitchState.Halted)]
    public void Kill_switch_not_active_blocks_entries(KillSwitchState state)
    {
        AssertDenied(RejectionReason.KillSwitch, Evaluate(EntryCheckBuilder.Valid().WithKillSwitch(state)));
    }

    [Fact]
    public void Entry_outside_trading_window_is_denied()
    {
        AssertDenied(RejectionReason.OutsideTradingWindow, Evaluate(EntryCheckBuilder.Valid().OnSaturday()));
    }

    [Fact]
    public void Entry_before_the_open_is_denied()
    {
        // 14:29:59 UTC on a November Wednesday = 09:29:59 New York.
        var beforeOpen = new DateTimeOffset(2026, 11, 4, 14, 29, 59, TimeSpan.Zero);
        AssertDenied(RejectionReason.OutsideTradingWindow, Evaluate(EntryCheckBuilder.Valid().At(beforeOpen)));
    }

    [Fact]
    public void Disabled_trading_window_allows_entries_on_a_weekend()
    {
        var options = EntryCheckBuilder.DefaultOptions();
        options.TradingWindow.Enabled = false;

        Assert.Null(Evaluate(EntryCheckBuilder.Valid().OnSaturday(), options));
    }

    [Fact]
    public void Entry_during_cooldown_is_denied()
    {
        var until = EntryCheckBuilder.DefaultNow.AddMinutes(5);
        AssertDenied(RejectionReason.Cooldown, Evaluate(EntryCheckBuilder.Valid().WithCooldownUntil(until)));
    }

    [Fact]
    public void Entry_exactly_when_cooldown_expires_is_allowed()
    {
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithCooldownUntil(EntryCheckBuilder.DefaultNow)));
    }

    [Fact]
    public void Entry_after_an_expired_cooldown_is_allowed()
    {
        var until = EntryCheckBuilder.DefaultNow.AddTicks(-1);
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithCooldownUntil(until)));
    }

    [Fact]
    public void Cooldown_blocks_until_the_clock_reaches_cooldownUntil()
    {
        var clock = new FakeTimeProvider(EntryCheckBuilder.DefaultNow);
        var until = clock.GetUtcNow().AddMinutes(5);
        var builder = EntryCheckBuilder.Valid().WithCooldownUntil(until);

        AssertDenied(RejectionReason.Cooldown, Evaluate(builder.At(clock.GetUtcNow())));

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        AssertDenied(RejectionReason.Cooldown, Evaluate(builder.At(clock.GetUtcNow())));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(Evaluate(builder.At(clock.GetUtcNow())));
    }

    [Fact]
    public void Entry_in_another_symbol_than_the_held_position_is_denied()
    {
        AssertDenied(RejectionReason.SymbolLocked, Evaluate(EntryCheckBuilder.Valid().WithPositionInOtherSymbol()));
    }

    [Fact]
    public void Buy_entry_while_short_the_same_symbol_is_denied()
    {
        AssertDenied(RejectionReason.SymbolLocked,
            Evaluate(EntryCheckBuilder.Valid().WithSide(OrderSide.Buy).WithPosition(PositionSide.Short)));
    }

    [Fact]
    public void Sell_entry_while_long_the_same_symbol_is_denied()
    {
        AssertDenied(RejectionReason.SymbolLocked,
            Evaluate(EntryCheckBuilder.Valid().WithSide(OrderSide.Sell).WithPosition(PositionSide.Long)));
    }

    [Theory]
    [InlineData(OrderSide.Buy, PositionSide.Long)]
    [InlineData(OrderSide.Sell, PositionSide.Short)]
    public void Adding_to_a_position_on_the_same_symbol_and_side_is_allowed(OrderSide side, PositionSide held)
    {
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithSide(side).WithPosition(held)));
    }

    [Fact]
    public void Two_open_positions_are_below_the_default_max_of_three()
    {
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithPosition().WithPosition()));
    }

    [Fact]
    public void Three_open_positions_reach_the_default_max_and_are_denied()
    {
        AssertDenied(RejectionReason.MaxOpenPositions,
            Evaluate(EntryCheckBuilder.Valid().WithPosition().WithPosition().WithPosition()));
    }

    [Fact]
    public void Configured_max_open_positions_is_honoured()
    {
        var options = EntryCheckBuilder.DefaultOptions();
        options.Governor.MaxOpenPositions = 1;

        AssertDenied(RejectionReason.MaxOpenPositions, Evaluate(EntryCheckBuilder.Valid().WithPosition(), options));
        Assert.Null(Evaluate(EntryCheckBuilder.Valid(), options));
    }

    [Fact]
    public void Missing_quote_is_denied_with_noQuote()
    {
        AssertDenied(RejectionReason.NoQuote, Evaluate(EntryCheckBuilder.Valid().WithoutQuote()));
    }

    [Fact]
    public void Quote_exactly_at_max_age_passes()
    {
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithQuoteAge(TimeSpan.FromMilliseconds(500))));
    }

    [Fact]
    public void Quote_one_millisecond_over_max_age_is_stale()
    {
        AssertDenied(RejectionReason.StaleQuote, Evaluate(EntryCheckBuilder.Valid().WithQuoteAge(TimeSpan.FromMilliseconds(501))));
    }

    [Fact]
    public void Configured_max_quote_age_is_honoured()
    {
        var options = EntryCheckBuilder.DefaultOptions();
        options.Filters.MaxQuoteAge = TimeSpan.FromSeconds(2);

        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithQuoteAge(TimeSpan.FromSeconds(2)), options));
        AssertDenied(RejectionReason.StaleQuote,
            Evaluate(EntryCheckBuilder.Valid().WithQuoteAge(TimeSpan.FromMilliseconds(2001)), options));
    }

    [Fact]
    public void Spread_exactly_at_limit_passes()
    {
        // (100.05 - 99.95) / 100.00 * 10,000 = 10 bps.
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithQuote(99.95m, 100.05m)));
    }

    [Fact]
    public void Spread_just_over_limit_is_denied()
    {
        AssertDenied(RejectionReason.SpreadTooWide, Evaluate(EntryCheckBuilder.Valid().WithQuote(99.95m, 100.0501m)));
    }

    [Fact]
    public void Configured_max_spread_is_honoured()
    {
        var options = EntryCheckBuilder.DefaultOptions();
        options.Filters.MaxSpreadBps = 4m;

        // The default 100.00/100.05 quote is ~5 bps wide.
        AssertDenied(RejectionReason.SpreadTooWide, Evaluate(EntryCheckBuilder.Valid(), options));
    }

    [Fact]
    public void Buy_costing_more_than_the_balance_is_denied()
    {
        // 500 x ask 100.05 = 50,025 > 50,000 (and within the default 100,000 order notional limit).
        AssertDenied(RejectionReason.InsufficientFunds, Evaluate(EntryCheckBuilder.Valid().WithBalance(50_000m).WithQuantity(500m)));
    }

    [Fact]
    public void Sell_is_priced_at_the_bid_for_funds()
    {
        // 1,000 x bid 100.00 = 100,000 = balance: allowed, while the same buy at the ask is not.
        Assert.Null(Evaluate(EntryCheckBuilder.Valid().WithSide(OrderSide.Sell).WithQuantity(1_000m)));
    }

    [Fact]
    public void Open_positions_reduce_buying_power()
    {
        // 100,000 - 990 x 100 = 1,000 available; 10 x 100.05 = 1,000.50 needed.
        var builder = EntryCheckBuilder.Valid().WithPosition(PositionSide.Long, quantity: 990m, entryPrice: 100m);
        AssertDenied(RejectionReason.InsufficientFunds, Evaluate(builder));
    }

    // ---- the order of the guards: the first failure wins -----------------------------------

    [Fact]
    public void Kill_switch_is_reported_before_a_wide_spread()
    {
        var builder = EntryCheckBuilder.Valid().WithKillSwitch(KillSwitchState.ReduceOnly).WithWideSpread();
        AssertDenied(RejectionReason.KillSwitch, Evaluate(builder));
    }

    [Fact]
    public void Kill_switch_is_reported_before_the_trading_window()
    {
        var builder = EntryCheckBuilder.Valid().WithKillSwitch(KillSwitchState.Halted).OnSaturday();
        AssertDenied(RejectionReason.KillSwitch, Evaluate(builder));
    }

    [Fact]
    public void Trading_window_is_reported_before_cooldown()
    {
        var builder = EntryCheckBuilder.Valid().OnSaturday().WithCooldownUntil(DateTimeOffset.MaxValue);
        AssertDenied(RejectionReason.OutsideTradingWindow, Evaluate(builder));
    }

    [Fact]
    public void Cooldown_is_reported_before_symbol_lock()
    {
        var builder = EntryCheckBuilder.Valid()
            .WithCooldownUntil(EntryCheckBuilder.DefaultNow.AddMinutes(1))
            .WithPositionInOtherSymbol();
        AssertDenied(RejectionReason.Cooldown, Evaluate(builder));
    }

    [Fact]
    public void Symbol_lock_is_reported_before_max_open_positions()
    {
        var builder = EntryCheckBuilder.Valid().WithPositionInOtherSymbol().WithPosition().WithPosition();
        AssertDenied(RejectionReason.SymbolLocked, Evaluate(builder));
    }

    [Fact]
    public void Max_open_positions_is_reported_before_a_missing_quote()
    {
        var builder = EntryCheckBuilder.Valid().WithPosition().WithPosition().WithPosition().WithoutQuote();
        AssertDenied(RejectionReason.MaxOpenPositions, Evaluate(builder));
    }

    [Fact]
    public void Stale_quote_is_reported_before_a_wide_spread()
    {
        var builder = EntryCheckBuilder.Valid().WithWideSpread().WithQuoteAge(TimeSpan.FromSeconds(1));
        AssertDenied(RejectionReason.StaleQuote, Evaluate(builder));
    }

    [Fact]
    public void Wide_spread_is_reported_before_insufficient_funds()
    {
        var builder = EntryCheckBuilder.Valid().WithWideSpread().WithBalance(0m);
        AssertDenied(RejectionReason.SpreadTooWide, Evaluate(builder));
    }

    [Fact]
    public void Missing_quote_is_reported_instead_of_failing_later_guards()
    {
        var builder = EntryCheckBuilder.Valid().WithoutQuote().WithBalance(0m);
        AssertDenied(RejectionReason.NoQuote, Evaluate(builder));
    }

    [Fact]
    public void Request_failing_every_guard_reports_the_kill_switch()
    {
        var builder = EntryCheckBuilder.Valid()
            .WithKillSwitch(KillSwitchState.Halted)
            .OnSaturday()
            .WithCooldownUntil(DateTimeOffset.MaxValue)
            .WithPositionInOtherSymbol().WithPosition().WithPosition()
            .WithQuoteAge(TimeSpan.FromMinutes(1))
            .WithWideSpread()
            .WithBalance(0m);
        AssertDenied(RejectionReason.KillSwitch, Evaluate(builder));
    }

    [Fact]
    public void Request_failing_every_guard_but_the_kill_switch_reports_the_trading_window()
    {
        var builder = EntryCheckBuilder.Valid()
            .OnSaturday()
            .WithCooldownUntil(DateTimeOffset.MaxValue)
            .WithPositionInOtherSymbol().WithPosition().WithPosition()
            .WithQuoteAge(TimeSpan.FromMinutes(1))
            .WithWideSpread()
            .WithBalance(0m);
        AssertDenied(RejectionReason.OutsideTradingWindow, Evaluate(builder));
    }
}
