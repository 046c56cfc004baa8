using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Market;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class StopLossTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    /// <summary>Loses the next quote pushed to the account, so only the stop index's sweep can deliver that quote.</summary>
    private void LoseNextPush(IVirtualAccountGrain account) => fixture.QuotePushes.DropNext(account.GetPrimaryKeyString());

    [Theory]
    [InlineData(OrderSide.Buy, 98.00, 98.05)]
    [InlineData(OrderSide.Sell, 101.95, 102.00)]
    public async Task Sweep_stops_out_a_position_whose_crossing_quote_push_was_lost(OrderSide side, decimal bid, decimal ask)
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("ST");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        var entry = await _trading.OpenAsync(account, symbol, side);
        AssertAccepted(entry);
        var droppedBefore = fixture.QuotePushes.Dropped;
        LoseNextPush(account);

        await _trading.PublishQuoteAsync(symbol, bid, ask);
        var flat = await FlatAsync(account, TimeSpan.FromSeconds(5)); // the sweep runs every 1 s and re-sends within two

        Assert.Equal(droppedBefore + 1, fixture.QuotePushes.Dropped);
        Assert.Equal(1, flat.Losses);
        var trade = Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
        Assert.Equal(OrderPurpose.StopLoss, trade.Reason);
        Assert.Equal(side == OrderSide.Buy ? bid : ask, trade.ExitPrice);
    }

    [Fact]
    public async Task Quote_above_the_stop_does_not_fire_it()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("SN");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        AssertAccepted(await _trading.OpenAsync(account, symbol)); // stop 98.00
        await _trading.PublishQuoteAsync(symbol, 98.01m, 98.06m);
        await Task.Delay(2_500); // longer than two sweeps of the stop index
        Assert.Single((await account.GetSnapshotAsync())!.Positions);
    }

    [Fact]
    public async Task Stop_loss_fires_while_the_kill_switch_is_halted()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("SH");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        await _trading.SetKillSwitchAsync(KillSwitchState.Halted);
        try
        {
            await _trading.PublishQuoteAsync(symbol, 97m, 97.05m);
            var flat = await FlatAsync(account);
            Assert.Equal(1, flat.Losses);
            Assert.Equal(OrderPurpose.StopLoss, (await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 1)).Items[0].Reason);
        }
        finally
        {
            await _trading.SetKillSwitchAsync(KillSwitchState.Active);
        }
    }

    [Fact]
    public async Task Trailing_stop_ratchets_with_the_best_price_and_locks_in_profit()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("TR");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        var entry = await _trading.OpenAsync(account, symbol, trailingStopPercent: 1m);
        Assert.Equal(98m, entry.StopLossPrice); // the initial stop is the regular 2 %

        await _trading.PublishQuoteAsync(symbol, 110m, 110.05m);
        var trailed = await Eventually.MatchesAsync(async () => (await account.GetSnapshotAsync())!,
            s => s.Positions.Single().StopLossPrice == 108.9m, TimeSpan.FromSeconds(5), "the stop to trail to 108.9");
        Assert.Equal(108.9m, trailed.Positions[0].StopLossPrice);

        await _trading.PublishQuoteAsync(symbol, 109m, 109.05m); // the stop never moves back down
        await _trading.PublishQuoteAsync(symbol, 108.5m, 108.55m);
        var flat = await FlatAsync(account);

        Assert.Equal(1, flat.Wins);
        var trade = Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
        Assert.Equal(OrderPurpose.TrailingStop, trade.Reason);
        Assert.Equal(108.5m, trade.ExitPrice);
        Assert.Equal(10m * (108.5m - 100m), trade.Pnl);
    }

    [Fact]
    public async Task A_stop_out_counts_toward_the_cooldown()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("SC");
        var start = fixture.Clock.Now;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
                AssertAccepted(await _trading.OpenAsync(account, symbol));
                await _trading.PublishQuoteAsync(symbol, 97m, 97.05m);
                await FlatAsync(account);
            }

            await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.Cooldown);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }
}

public sealed class PushedStopLossTests(PushOnlyClusterFixture fixture) : IClassFixture<PushOnlyClusterFixture>
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Theory]
    [InlineData(OrderSide.Buy, 98.00, 98.05)]
    [InlineData(OrderSide.Sell, 101.95, 102.00)]
    public async Task Pushed_quote_fires_the_stop_long_before_the_timer_would(OrderSide side, decimal bid, decimal ask)
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("PU");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, side));

        await _trading.PublishQuoteAsync(symbol, bid, ask);

        // The timer here checks once a minute: flat within a second means the pushed quote did it.
        var flat = await FlatAsync(account, TimeSpan.FromSeconds(1));
        Assert.Equal(1, flat.Losses);
    }

    [Fact]
    public async Task A_fresh_crossing_quote_after_a_stale_one_fires_the_waiting_stop_at_once()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("PW");
        var start = fixture.Clock.Now;
        try
        {
            await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            fixture.Clock.Advance(TimeSpan.FromSeconds(2));
            await _trading.PublishQuoteAsync(symbol, 97m, 97.05m, age: TimeSpan.FromSeconds(1));
            await Eventually.MatchesAsync(async () => (await account.GetSnapshotAsync())!,
                s => s.Positions.Single().StopStatus == StopStatus.WaitingForFreshQuote, TimeSpan.FromSeconds(1), "the stop to wait");

            await _trading.PublishQuoteAsync(symbol, 97.5m, 97.55m);

            var flat = await FlatAsync(account, TimeSpan.FromSeconds(1));
            Assert.Equal(100_000m + 10m * (97.5m - 100m), flat.Balance);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }
}
