using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// A stale quote (older than the 500 ms quote age limit) is kept, but no stop fires on it and no exit fills at its
/// price: stops, closes and flatten wait for a fresh quote and then go at that one's price.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StaleQuoteExitTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    /// <summary>
    /// Opens 10 at 100 (stop 98 for a long, 102 for a short) and moves the clock 2 s on, so the entry quote is stale
    /// and a quote stamped 1 s ago is newer than it yet still stale.
    /// </summary>
    private async Task<IVirtualAccountGrain> OpenThenLetTheQuoteAgeAsync(string symbol, OrderSide side = OrderSide.Buy, decimal? stopLossPercent = null)
    {
        var account = await _trading.CreateAccountAsync();
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, side, stopLossPercent: stopLossPercent));
        fixture.Clock.Advance(TimeSpan.FromSeconds(2));
        return account;
    }

    [Theory]
    [InlineData(OrderSide.Buy, 97.00, 97.05, 97.50, 97.55)]
    [InlineData(OrderSide.Sell, 102.95, 103.00, 102.45, 102.50)]
    public async Task A_stop_crossed_by_a_stale_quote_waits_then_fills_at_the_next_fresh_crossing_quote(
        OrderSide side, decimal staleBid, decimal staleAsk, decimal freshBid, decimal freshAsk)
    {
        var symbol = NewId("SQ");
        var start = fixture.Clock.Now;
        try
        {
            var account = await OpenThenLetTheQuoteAgeAsync(symbol, side);

            await _trading.PublishQuoteAsync(symbol, staleBid, staleAsk, age: TimeSpan.FromSeconds(1));
            await Task.Delay(1_500); // the pushed quote and at least one timer tick have seen it

            var waiting = Assert.Single((await account.GetSnapshotAsync())!.Positions);
            Assert.Equal(StopStatus.WaitingForFreshQuote, waiting.StopStatus);
            Assert.Equal(1_000, waiting.QuoteAgeMs);
            Assert.Empty((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);

            await _trading.PublishQuoteAsync(symbol, freshBid, freshAsk);
            await FlatAsync(account);

            var trade = Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
            Assert.Equal(OrderPurpose.StopLoss, trade.Reason);
            Assert.Equal(side == OrderSide.Buy ? freshBid : freshAsk, trade.ExitPrice);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_stale_quote_beyond_the_stop_does_not_fire_it_when_the_fresh_one_is_back_above()
    {
        var symbol = NewId("SB");
        var start = fixture.Clock.Now;
        try
        {
            var account = await OpenThenLetTheQuoteAgeAsync(symbol);
            await _trading.PublishQuoteAsync(symbol, 97m, 97.05m, age: TimeSpan.FromSeconds(1));
            await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);
            await Task.Delay(1_500);

            var position = Assert.Single((await account.GetSnapshotAsync())!.Positions);
            Assert.Equal(StopStatus.Armed, position.StopStatus);
            Assert.Equal(0, position.QuoteAgeMs);
            Assert.Empty((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_trailing_stop_does_not_ratchet_on_a_stale_quote()
    {
        var symbol = NewId("ST");
        var account = await _trading.CreateAccountAsync();
        var start = fixture.Clock.Now;
        try
        {
            await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
            AssertAccepted(await _trading.OpenAsync(account, symbol, trailingStopPercent: 1m));
            fixture.Clock.Advance(TimeSpan.FromSeconds(2));
            await _trading.PublishQuoteAsync(symbol, 110m, 110.05m, age: TimeSpan.FromSeconds(1));
            await Task.Delay(1_500);

            Assert.Equal(98m, Assert.Single((await account.GetSnapshotAsync())!.Positions).StopLossPrice);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_close_with_only_a_stale_quote_is_accepted_and_fills_at_the_next_fresh_quote()
    {
        var symbol = NewId("SC");
        var start = fixture.Clock.Now;
        try
        {
            var account = await OpenThenLetTheQuoteAgeAsync(symbol, stopLossPercent: 20m);

            var close = await _trading.CloseAsync(account, symbol);

            AssertAccepted(close);
            Assert.Equal(0m, close.FilledQuantity);
            Assert.Contains("fresh quote", close.Detail, StringComparison.Ordinal);
            await Task.Delay(600); // the venue steps working orders every 200 ms
            Assert.Equal(10m, Assert.Single((await account.GetSnapshotAsync())!.Positions).Quantity);
            Assert.Empty((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);

            await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);
            var flat = await FlatAsync(account);

            var trade = Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
            Assert.Equal(OrderPurpose.Signal, trade.Reason);
            Assert.Equal(99m, trade.ExitPrice); // not the stale 99.95
            Assert.Equal(100_000m - 10m, flat.Balance);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task Flatten_with_only_a_stale_quote_shows_exiting_and_fills_at_the_next_fresh_quote()
    {
        var symbol = NewId("SF");
        var start = fixture.Clock.Now;
        try
        {
            var account = await OpenThenLetTheQuoteAgeAsync(symbol);

            Assert.Equal(1, await _trading.Client.GetGrain<IAccountFeedGrain>(account.GetPrimaryKeyString()).FlattenAsync());
            await Task.Delay(600);
            var exiting = Assert.Single((await account.GetSnapshotAsync())!.Positions);
            Assert.Equal(StopStatus.Exiting, exiting.StopStatus);
            Assert.Equal(2_000, exiting.QuoteAgeMs);

            await _trading.PublishQuoteAsync(symbol, 99.5m, 99.55m);
            await FlatAsync(account);

            var trade = Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
            Assert.Equal(OrderPurpose.Flatten, trade.Reason);
            Assert.Equal(99.5m, trade.ExitPrice);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }
}
