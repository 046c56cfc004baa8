using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// An exception deep inside a decision (here a decimal overflow from an absurd fill price the venue answered) leaves
/// the account as it was: no position, balance, stats or trade from the failed part, nothing half-applied for the
/// next write to store, and a retry with the same signal id decides from the venue's real answer.
/// </summary>
public sealed class DecisionAtomicityTests(CorruptingVenueClusterFixture fixture) : IClassFixture<CorruptingVenueClusterFixture>
{
    /// <summary>Ten of these overflow an order's notional (10 × price).</summary>
    private static readonly decimal NotionalOverflowPrice = decimal.MaxValue / 2;

    /// <summary>Closing ten at this still prices (PnL just under decimal.MaxValue) but overflows the balance it is booked into.</summary>
    private static readonly decimal BalanceOverflowPrice = decimal.MaxValue / 10;

    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task An_entry_whose_fill_overflows_changes_nothing_and_its_retry_opens_the_position()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("AO");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        var before = (await account.GetSnapshotAsync())!;

        fixture.Venue.CorruptNextAnswer(id, NotionalOverflowPrice);
        await Assert.ThrowsAsync<OverflowException>(() => _trading.OpenAsync(account, symbol, signalId: "open-1"));

        AssertUnchanged(before, (await account.GetSnapshotAsync())!);
        Assert.Empty((await fixture.Journal.GetTradesAsync(id, 0, 10)).Items);
        // The order had left for the venue, so it is remembered (pending), but none of the venue's answer is applied.
        var order = Assert.Single((await fixture.Journal.GetOrdersAsync(id, 0, 10)).Items);
        Assert.Equal(OrderStatus.Pending, order.Order.Status);
        Assert.Equal(0m, order.Order.FilledQuantity);

        var retry = await _trading.OpenAsync(account, symbol, signalId: "open-1");

        AssertAccepted(retry);
        Assert.Equal(order.Order.OrderId, retry.OrderId);
        Assert.Equal(10m, retry.FilledQuantity);
        Assert.Equal(100m, retry.AveragePrice);
        var position = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(10m, position.Quantity);
        Assert.Equal(100m, position.EntryPrice);
    }

    [Fact]
    public async Task A_retry_after_reconciliation_settled_the_failed_entry_answers_from_that_order_and_sends_no_second()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("AS");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        fixture.Venue.CorruptNextAnswer(id, NotionalOverflowPrice);
        await Assert.ThrowsAsync<OverflowException>(() => _trading.OpenAsync(account, symbol, signalId: "open-2"));

        Assert.True(await fixture.Cluster.Client.GetGrain<IAccountFeedGrain>(id).ReconcileAsync() > 0); // the real fill lands
        var retry = await _trading.OpenAsync(account, symbol, signalId: "open-2");

        AssertAccepted(retry);
        Assert.Equal(10m, retry.FilledQuantity);
        Assert.Equal(10m, Assert.Single((await account.GetSnapshotAsync())!.Positions).Quantity);
        Assert.Equal(retry.OrderId, Assert.Single((await fixture.Journal.GetOrdersAsync(id, 0, 10)).Items).Order.OrderId);
    }

    [Fact]
    public async Task A_close_whose_pnl_overflows_the_balance_keeps_the_position_and_its_retry_books_the_real_trade()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("AC");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);
        var before = (await account.GetSnapshotAsync())!;

        fixture.Venue.CorruptNextAnswer(id, BalanceOverflowPrice);
        await Assert.ThrowsAsync<OverflowException>(() => _trading.CloseAsync(account, symbol, signalId: "close-1"));

        AssertUnchanged(before, (await account.GetSnapshotAsync())!);
        Assert.Empty((await fixture.Journal.GetTradesAsync(id, 0, 10)).Items);

        var retry = await _trading.CloseAsync(account, symbol, signalId: "close-1");

        AssertAccepted(retry);
        Assert.Equal(10m, retry.FilledQuantity);
        Assert.Equal(99m, retry.AveragePrice);
        Assert.Equal(-10m, retry.RealizedPnl);
        var after = (await account.GetSnapshotAsync())!;
        Assert.Empty(after.Positions);
        Assert.Equal(100_000m - 10m, after.Balance);
        Assert.Equal(1, after.Losses);
        Assert.Equal(-10m, Assert.Single((await fixture.Journal.GetTradesAsync(id, 0, 10)).Items).Pnl);
    }

    [Fact]
    public async Task A_pushed_report_that_overflows_changes_nothing_and_the_venue_fill_still_lands()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("AR");
        var start = fixture.Clock.Now;
        try
        {
            await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
            AssertAccepted(await _trading.OpenAsync(account, symbol, stopLossPercent: 20m));
            fixture.Clock.Advance(TimeSpan.FromSeconds(1)); // stale: the close works at the venue without filling
            var close = await _trading.CloseAsync(account, symbol);
            AssertAccepted(close);
            Assert.Equal(0m, close.FilledQuantity);
            var before = (await account.GetSnapshotAsync())!;
            var ordersBefore = await fixture.Journal.GetOrdersAsync(id, 0, 10);

            var bogus = new VenueOrderReport(
                new VenueOrder(id, close.OrderId!, symbol, OrderSide.Sell, 10m, null, true, TimeInForce.GoodTillCancelled),
                OrderStatus.Filled, [new VenueFill("bogus-1", close.OrderId!, symbol, OrderSide.Sell, 10m, BalanceOverflowPrice, fixture.Clock.Now)],
                VenueCancelReason.None, null, fixture.Clock.Now);
            await Assert.ThrowsAsync<OverflowException>(() => fixture.Cluster.Client.GetGrain<IAccountFeedGrain>(id).OnVenueReportAsync(bogus));

            AssertUnchanged(before, (await account.GetSnapshotAsync())!);
            var ordersAfter = await fixture.Journal.GetOrdersAsync(id, 0, 10);
            Assert.Equal(ordersBefore.Items.Select(o => (o.Order.OrderId, o.Order.Status, o.Order.FilledQuantity)),
                ordersAfter.Items.Select(o => (o.Order.OrderId, o.Order.Status, o.Order.FilledQuantity)));

            await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);
            var flat = await FlatAsync(account);
            Assert.Equal(100_000m - 10m, flat.Balance);
            Assert.Equal(99m, Assert.Single((await fixture.Journal.GetTradesAsync(id, 0, 10)).Items).ExitPrice);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    private static void AssertUnchanged(AccountSnapshot before, AccountSnapshot after)
    {
        // Balance, equity, PnL, wins, losses, streak, cooldown, peak and drawdowns; the positions element by element.
        Assert.Equal(before, after with { Positions = before.Positions, Locks = before.Locks, LastReconciledAt = before.LastReconciledAt });
        Assert.Equal(before.Locks!, after.Locks!);
        Assert.Equal(before.Positions, after.Positions);
    }
}
