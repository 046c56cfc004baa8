using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class GovernanceTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task Account_trades_one_symbol_at_a_time_and_one_side_at_a_time()
    {
        var account = await _trading.CreateAccountAsync();
        var first = NewId("OS");
        var second = NewId("OS");
        await _trading.PublishQuoteAsync(first, 100m, 100.05m);
        await _trading.PublishQuoteAsync(second, 50m, 50.02m);

        AssertAccepted(await _trading.OpenAsync(account, first));
        AssertRejected(await _trading.OpenAsync(account, second), RejectionReason.SymbolLocked);
        AssertRejected(await _trading.OpenAsync(account, first, OrderSide.Sell), RejectionReason.SymbolLocked);

        AssertAccepted(await _trading.CloseAsync(account, first));
        AssertAccepted(await _trading.OpenAsync(account, second));
        Assert.Equal(second, (await account.GetSnapshotAsync())!.ActiveSymbol);
    }

    [Fact]
    public async Task Fourth_entry_is_rejected_with_maxOpenPositions()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("MP");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        for (var i = 0; i < 3; i++)
        {
            AssertAccepted(await _trading.OpenAsync(account, symbol));
        }

        AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.MaxOpenPositions);
        var snapshot = await account.GetSnapshotAsync();
        Assert.Equal(3, snapshot!.Positions.Count);
        Assert.All(snapshot.Positions, p => Assert.Equal(98.049m, p.StopLossPrice));
    }

    [Fact]
    public async Task Three_consecutive_losses_start_a_cooldown_that_ends_after_the_duration()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("CD");
        var start = fixture.Clock.Now;
        try
        {
            for (var loss = 1; loss <= 3; loss++)
            {
                await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
                AssertAccepted(await _trading.OpenAsync(account, symbol));
                await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);
                var close = await _trading.CloseAsync(account, symbol);
                AssertAccepted(close);
                Assert.True(close.RealizedPnl < 0);
            }

            var cooling = await account.GetSnapshotAsync();
            Assert.Equal(3, cooling!.Losses);
            Assert.Equal(0, cooling.ConsecutiveLosses);
            Assert.Equal(fixture.Clock.Now + TimeSpan.FromMinutes(5), cooling.CooldownUntil);

            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.Cooldown);

            fixture.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.Cooldown);

            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_winning_trade_resets_the_loss_streak()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("WR");
        async Task TradeAsync(decimal exitBid)
        {
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            await _trading.PublishQuoteAsync(symbol, exitBid, exitBid + 0.05m);
            AssertAccepted(await _trading.CloseAsync(account, symbol));
        }

        await TradeAsync(99m);
        await TradeAsync(99m);
        await TradeAsync(101m);
        await TradeAsync(99m);

        var snapshot = await account.GetSnapshotAsync();
        Assert.Equal(1, snapshot!.Wins);
        Assert.Equal(3, snapshot.Losses);
        Assert.Equal(1, snapshot.ConsecutiveLosses);
        Assert.Null(snapshot.CooldownUntil);
    }

    [Fact]
    public async Task Kill_switch_states_gate_entries_and_exits()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("KS");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 20m));
        try
        {
            var reduceOnly = await _trading.SetKillSwitchAsync(KillSwitchState.ReduceOnly);
            Assert.Equal(KillSwitchState.ReduceOnly, reduceOnly.State);
            Assert.Equal(fixture.Clock.Now, reduceOnly.ChangedAt);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.KillSwitch);
            AssertAccepted(await _trading.CloseAsync(account, symbol, quantity: 5m));

            await _trading.SetKillSwitchAsync(KillSwitchState.Halted);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.KillSwitch);
            AssertRejected(await _trading.CloseAsync(account, symbol), RejectionReason.KillSwitch);

            await _trading.SetKillSwitchAsync(KillSwitchState.Active);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
        }
        finally
        {
            await _trading.SetKillSwitchAsync(KillSwitchState.Active);
        }

        var snapshot = await account.GetSnapshotAsync();
        Assert.Equal(25m, snapshot!.Positions.Sum(p => p.Quantity));
    }

    [Fact]
    public async Task Exits_ignore_cooldown_window_and_spread_and_wait_out_a_stale_quote()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("EX");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        var inside = fixture.Clock.Now;
        try
        {
            fixture.Clock.Now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero); // Saturday
            // 200 bps wide and half a minute old (stale for entries; a quote older than a minute is refused outright),
            // but above the 98.049 stop so only the close signal exits. Stale: accepted, but it never prices the fill.
            await _trading.PublishQuoteAsync(symbol, 99m, 101m, age: TimeSpan.FromSeconds(30));
            var close = await _trading.CloseAsync(account, symbol);
            AssertAccepted(close);
            Assert.Equal(0m, close.FilledQuantity);

            await _trading.PublishQuoteAsync(symbol, 98.5m, 101m); // fresh, still 200+ bps wide
            await FlatAsync(account);
            var trade = Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
            Assert.Equal(98.5m, trade.ExitPrice);
        }
        finally
        {
            fixture.Clock.Now = inside;
        }
    }

    [Fact]
    public async Task Closing_a_long_realizes_pnl_and_updates_balance_and_drawdown()
    {
        var account = await _trading.CreateAccountAsync(balance: 10_000m);
        var symbol = NewId("PL");
        await _trading.PublishQuoteAsync(symbol, 100m, 100m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m, stopLossPercent: 20m));
        await _trading.PublishQuoteAsync(symbol, 90m, 90m);
        var close = await _trading.CloseAsync(account, symbol);

        Assert.Equal(-100m, close.RealizedPnl);
        var snapshot = await account.GetSnapshotAsync();
        Assert.Equal(9_900m, snapshot!.Balance);
        Assert.Equal(-100m, snapshot.RealizedPnl);
        Assert.Equal(10_000m, snapshot.PeakEquity);
        Assert.Equal(0.01m, snapshot.Drawdown);
        Assert.Equal(0.01m, snapshot.MaxDrawdown);
        Assert.Null(snapshot.ActiveSymbol);
    }

    [Fact]
    public async Task Closing_a_short_realizes_entry_minus_exit()
    {
        var account = await _trading.CreateAccountAsync(balance: 10_000m);
        var symbol = NewId("SH");
        await _trading.PublishQuoteAsync(symbol, 100m, 100m);
        var open = await _trading.OpenAsync(account, symbol, OrderSide.Sell, quantity: 10m);
        AssertAccepted(open);
        Assert.Equal(102m, open.StopLossPrice);

        await _trading.PublishQuoteAsync(symbol, 95m, 95m);
        var close = await _trading.CloseAsync(account, symbol, side: OrderSide.Buy);
        Assert.Equal(50m, close.RealizedPnl);
        Assert.Equal(10_050m, (await account.GetSnapshotAsync())!.Balance);
    }

    [Fact]
    public async Task Partial_close_is_capped_and_leaves_the_rest_with_its_stop()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("PC");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));

        var partial = await _trading.CloseAsync(account, symbol, quantity: 4m);
        Assert.Equal(4m, partial.FilledQuantity);
        var remaining = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(6m, remaining.Quantity);
        Assert.Equal(98.049m, remaining.StopLossPrice);

        var rest = await _trading.CloseAsync(account, symbol, quantity: 100m);
        Assert.Equal(6m, rest.FilledQuantity);
        Assert.Empty((await account.GetSnapshotAsync())!.Positions);
    }
}
