using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Strategies;
using OrleansTrading.DemoMarket.Tests.Support;

namespace OrleansTrading.DemoMarket.Tests.Strategies;

/// <summary>What each demo strategy sends, given what it sees, and how it answers the engine's decisions.</summary>
public sealed class StrategyDecisionTests
{
    private static readonly TimeSpan HoldTime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(2);

    [Fact]
    public void Block_buyer_asks_for_twice_the_displayed_size_so_the_venue_can_fill_only_part()
    {
        var strategy = new BlockBuyer("INITECH", HoldTime);

        var order = strategy.Decide(Given.Context(Given.Market(Given.Quote("INITECH", size: 70m))))!;

        Assert.Equal(("INITECH", OrderSide.Buy, 140m, SignalAction.Open), (order.Symbol, order.Side, order.Quantity, order.Action));
    }

    [Fact]
    public void Block_buyer_never_puts_more_than_a_quarter_of_its_balance_in_one_block()
    {
        var strategy = new BlockBuyer("INITECH", HoldTime);

        var order = strategy.Decide(Given.Context(Given.Market(Given.Quote("INITECH", size: 500m)), Given.Account(balance: 10_000m)))!;

        Assert.Equal(24m, order.Quantity); // 2,500 / 100.04
    }

    [Fact]
    public void Block_buyer_waits_for_a_clean_quote_and_sells_the_block_after_the_hold_time()
    {
        var strategy = new BlockBuyer("INITECH", HoldTime);
        Assert.Null(strategy.Decide(Given.Context(Given.Market(Given.Quote("INITECH", Stale)))));
        Assert.Null(strategy.Decide(Given.Context(Given.Market(Given.WideQuote("INITECH")))));

        var market = Given.Market(Given.Quote("INITECH"));
        Assert.Null(strategy.Decide(Given.Context(market, Given.Account(positions: Given.Position("INITECH", 60m, heldFor: TimeSpan.FromSeconds(9))))));
        var close = strategy.Decide(Given.Context(market, Given.Account(positions: Given.Position("INITECH", 60m, heldFor: HoldTime))))!;

        Assert.Equal((SignalAction.Close, OrderSide.Sell, 60m), (close.Action, close.Side, close.Quantity));
    }

    [Fact]
    public void Spread_payer_sells_straight_back_what_filled_and_waits_out_a_cooldown_once_refused()
    {
        var strategy = new SpreadPayer("UMBRELLA", TimeSpan.FromSeconds(2));
        var market = Given.Market(Given.Quote("UMBRELLA"));
        var context = Given.Context(market);

        var open = strategy.Decide(context)!;
        var close = strategy.OnDecision(open, Given.Accepted(filled: 10m), context)!;
        Assert.Equal((SignalAction.Open, OrderSide.Buy), (open.Action, open.Side));
        Assert.Equal(("UMBRELLA", SignalAction.Close, OrderSide.Sell, 10m), (close.Symbol, close.Action, close.Side, close.Quantity));
        Assert.Null(strategy.OnDecision(close, Given.Accepted(filled: 10m), context));
        Assert.Null(strategy.Decide(context)); // pauses between round trips
        Assert.NotNull(strategy.Decide(Given.Context(Given.MarketAt(Given.Now.AddSeconds(2), "UMBRELLA"), now: Given.Now.AddSeconds(2))));

        // It does not look at its losses: the engine's refusal is what tells it, and then it waits the cooldown out.
        var until = Given.Now.AddMinutes(5);
        var cooling = Given.Context(Given.MarketAt(Given.Now.AddSeconds(3), "UMBRELLA"), Given.Account(cooldownUntil: until), Given.Now.AddSeconds(3));
        var refused = strategy.Decide(cooling)!;
        Assert.Null(strategy.OnDecision(refused, Given.Rejected(RejectionReason.Cooldown), cooling));
        Assert.Null(strategy.Decide(Given.Context(market, Given.Account(cooldownUntil: until), until.AddSeconds(-1))));
        Assert.NotNull(strategy.Decide(Given.Context(Given.MarketAt(until, "UMBRELLA"), now: until)));
    }

    [Fact]
    public void Reckless_buys_the_blown_out_spread_and_the_quiet_tape_and_nothing_in_a_calm_market()
    {
        var calm = Given.Market(Given.Quote("ACME"), Given.Quote("WAYNE"));
        Assert.Null(new Reckless(["ACME", "WAYNE"], TimeSpan.FromSeconds(2)).Decide(Given.Context(calm)));

        var wide = new Reckless(["ACME", "WAYNE"], TimeSpan.FromSeconds(2)).Decide(Given.Context(Given.Market(Given.Quote("ACME"), Given.WideQuote("WAYNE"))))!;
        Assert.Equal(("WAYNE", SignalAction.Open), (wide.Symbol, wide.Action));

        var quiet = new Reckless(["ACME", "WAYNE"], TimeSpan.FromSeconds(2)).Decide(Given.Context(Given.Market(Given.Quote("ACME", Stale), Given.Quote("WAYNE"))))!;
        Assert.Equal(("ACME", SignalAction.Open), (quiet.Symbol, quiet.Action));
    }

    [Fact]
    public void Reckless_paces_itself_and_sells_whatever_did_fill()
    {
        var strategy = new Reckless(["WAYNE"], TimeSpan.FromSeconds(2));
        var market = Given.Market(Given.WideQuote("WAYNE"));
        Assert.NotNull(strategy.Decide(Given.Context(market)));
        Assert.Null(strategy.Decide(Given.Context(market, now: Given.Now.AddSeconds(1))));
        var later = Given.Now.AddSeconds(2);
        var stillWide = strategy.Decide(Given.Context(Given.Market(Given.WideQuote("WAYNE") with { Timestamp = later }), now: later))!;
        Assert.Equal("chases the blown-out spread", stillWide.Why);

        var holding = Given.Account(positions: Given.Position("WAYNE"));
        var close = strategy.Decide(Given.Context(Given.MarketAt(Given.Now.AddSeconds(9), "WAYNE"), holding, Given.Now.AddSeconds(9)))!;
        Assert.Equal(SignalAction.Close, close.Action);
    }

    [Fact]
    public void Hopper_reaches_for_another_symbol_once_while_holding_one_and_leaves_when_ahead()
    {
        var strategy = new SymbolHopper(["GLOBEX", "INITECH"], ["ACME", "GLOBEX", "INITECH"], HoldTime);
        var market = Given.Market(Given.Quote("ACME"), Given.Quote("GLOBEX"), Given.Quote("INITECH"));

        var settle = strategy.Decide(Given.Context(market))!;
        Assert.Equal(("GLOBEX", SignalAction.Open), (settle.Symbol, settle.Action));

        var holding = Given.Account(positions: Given.Position("GLOBEX", pnl: -1m, heldFor: TimeSpan.FromSeconds(1)));
        var reach = strategy.Decide(Given.Context(market, holding))!;
        Assert.Equal(("ACME", SignalAction.Open), (reach.Symbol, reach.Action));
        Assert.Null(strategy.Decide(Given.Context(market, holding))); // once per holding, and not out while behind

        var ahead = Given.Account(positions: Given.Position("GLOBEX", pnl: 0.5m, heldFor: HoldTime / 2));
        Assert.Equal(SignalAction.Close, strategy.Decide(Given.Context(market, ahead))!.Action);
        var longBehind = Given.Account(positions: Given.Position("GLOBEX", pnl: -3m, heldFor: 2 * HoldTime));
        Assert.Equal(SignalAction.Close, strategy.Decide(Given.Context(market, longBehind))!.Action);

        var next = strategy.Decide(Given.Context(market))!;
        Assert.Equal("INITECH", next.Symbol); // moves on to the next symbol
    }

    [Fact]
    public void Pyramider_keeps_adding_until_the_engine_says_max_positions_then_unwinds()
    {
        var strategy = new Pyramider("WAYNE", HoldTime);
        var market = Given.Market(Given.Quote("WAYNE"));
        var three = Given.Account(positions: [Given.Position("WAYNE", 5m), Given.Position("WAYNE", 5m), Given.Position("WAYNE", 5m)]);

        var fourth = strategy.Decide(Given.Context(market, three))!;
        Assert.Equal(("WAYNE", SignalAction.Open, 5m), (fourth.Symbol, fourth.Action, fourth.Quantity));
        strategy.OnDecision(fourth, Given.Rejected(RejectionReason.MaxOpenPositions), Given.Context(market, three));

        Assert.Null(strategy.Decide(Given.Context(market, three, Given.Now.AddSeconds(1))));
        var unwind = strategy.Decide(Given.Context(Given.MarketAt(Given.Now + 2 * HoldTime, "WAYNE"), three, Given.Now + 2 * HoldTime))!;
        Assert.Equal((SignalAction.Close, 15m), (unwind.Action, unwind.Quantity));
        Assert.Null(strategy.Decide(Given.Context(Given.MarketAt(Given.Now + 2 * HoldTime, "WAYNE"), Given.Account(), Given.Now + 2 * HoldTime)));
        Assert.Equal(SignalAction.Open, strategy.Decide(Given.Context(Given.MarketAt(Given.Now + 3 * HoldTime, "WAYNE"), Given.Account(), Given.Now + 3 * HoldTime))!.Action);
    }

    [Fact]
    public void Dip_buyer_holds_through_a_loss_for_its_stop_takes_a_profit_and_pauses_after_an_exit()
    {
        var strategy = new DipBuyer("ACME", TimeSpan.FromSeconds(2));
        var market = Given.Market(Given.Quote("ACME"));

        Assert.Equal(("ACME", SignalAction.Open), strategy.Decide(Given.Context(market)) is { } o ? (o.Symbol, o.Action) : default);
        Assert.Null(strategy.Decide(Given.Context(market, Given.Account(positions: Given.Position("ACME", 50m, pnl: -150m)))));
        Assert.Null(strategy.Decide(Given.Context(market, Given.Account(positions: Given.Position("ACME", 50m, pnl: -150m, stop: StopStatus.Exiting)))));

        // Stopped out: flat again, it waits a moment before it buys again.
        Assert.Null(strategy.Decide(Given.Context(market, now: Given.Now.AddSeconds(1))));
        Assert.NotNull(strategy.Decide(Given.Context(Given.MarketAt(Given.Now.AddSeconds(3), "ACME"), now: Given.Now.AddSeconds(3))));

        var profit = strategy.Decide(Given.Context(market, Given.Account(positions: Given.Position("ACME", 50m, pnl: 60m))))!;
        Assert.Equal(SignalAction.Close, profit.Action);
    }

    [Fact]
    public void Trend_follower_buys_a_rise_with_a_trailing_stop_at_the_engines_distance_and_not_a_fall()
    {
        var rising = new TrendFollower("GLOBEX", HoldTime);
        var falling = new TrendFollower("GLOBEX", HoldTime);
        DemoOrder? up = null, down = null;
        for (var i = 0; i < 6; i++)
        {
            var now = Given.Now.AddSeconds(i);
            up = rising.Decide(Given.Context(Given.Market(Given.Quote("GLOBEX", default, 100m + i / 10m, 100.04m + i / 10m) with { Timestamp = now }), now: now));
            down = falling.Decide(Given.Context(Given.Market(Given.Quote("GLOBEX", default, 100m - i / 10m, 100.04m - i / 10m) with { Timestamp = now }), now: now));
        }

        Assert.Equal((SignalAction.Open, Given.Engine.StopLossPercent), (up!.Action, up.TrailingStopPercent));
        Assert.Null(down);
    }

    [Fact]
    public void Strategies_that_mind_the_cooldown_send_nothing_while_it_lasts()
    {
        var market = Given.Market(Given.Quote("ACME"), Given.Quote("GLOBEX"), Given.Quote("INITECH"), Given.Quote("WAYNE"));
        var cooling = Given.Context(market, Given.Account(cooldownUntil: Given.Now.AddMinutes(1)));

        Assert.Null(new BlockBuyer("INITECH", HoldTime).Decide(cooling));
        Assert.Null(new DipBuyer("ACME", TimeSpan.Zero).Decide(cooling));
        Assert.Null(new Pyramider("WAYNE", HoldTime).Decide(cooling));
        Assert.Null(new SymbolHopper(["GLOBEX"], ["ACME", "GLOBEX"], HoldTime).Decide(cooling));
    }

    [Fact]
    public void Every_strategy_has_its_own_account_name_and_the_dropping_symbol_goes_to_the_dip_buyer_alone()
    {
        var options = Given.Quiet();
        var strategies = StrategyBook.Create(options, options.SymbolList);

        Assert.Equal(StrategyBook.Names, strategies.Select(s => s.Name));
        Assert.Contains("ACME", strategies.Single(s => s.Name == "dip").Story, StringComparison.Ordinal);
        Assert.All(strategies.Where(s => s.Name is not ("dip" or "reckless" or "hopper")),
            s => Assert.DoesNotContain("ACME", s.Story, StringComparison.Ordinal));
    }
}
