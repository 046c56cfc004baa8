using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Tests.Support;
using OrleansTrading.Grains.Venue;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ReconciliationTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    private IAccountFeedGrain Feed(IVirtualAccountGrain account) =>
        _trading.Client.GetGrain<IAccountFeedGrain>(account.GetPrimaryKeyString());

    private async Task<T> WithFaultAsync<T>(Action<VenueFaults> fault, Func<Task<T>> action)
    {
        fault(fixture.Faults);
        try
        {
            return await action();
        }
        finally
        {
            fixture.Faults.Reset();
        }
    }

    /// <summary>Reconciling again must find nothing: same positions, PnL, counters and orders.</summary>
    private async Task AssertSecondRunChangesNothingAsync(IVirtualAccountGrain account)
    {
        var before = await account.GetSnapshotAsync();
        var ordersBefore = await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 50);
        Assert.Equal(0, await Feed(account).ReconcileAsync());
        var after = await account.GetSnapshotAsync();
        Assert.Equal(before! with { LastReconciledAt = null }, after! with { LastReconciledAt = null }, new SnapshotComparer());
        var ordersAfter = await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 50);
        Assert.Equal(ordersBefore.Items.Select(o => (o.Order.OrderId, o.Order.Status, o.History.Count)),
            ordersAfter.Items.Select(o => (o.Order.OrderId, o.Order.Status, o.History.Count)));
    }

    [Fact]
    public async Task Dropped_fill_of_a_close_is_applied_once_by_reconciliation()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RD");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));
        await _trading.PublishQuoteAsync(symbol, 101m, 101.05m);

        var close = await WithFaultAsync(f => f.DropFillReportRate = 1, () => _trading.CloseAsync(account, symbol));
        AssertAccepted(close);
        Assert.Equal(0m, close.FilledQuantity); // the venue filled it, but the report never arrived
        Assert.Single((await account.GetSnapshotAsync())!.Positions);

        Assert.True(await Feed(account).ReconcileAsync() >= 1);

        var repaired = await account.GetSnapshotAsync();
        Assert.Empty(repaired!.Positions);
        Assert.Equal(10m * (101m - 100.05m), repaired.RealizedPnl);
        Assert.Equal(1, repaired.Wins);
        Assert.True(repaired.ReconciliationRepairs >= 1);
        Assert.NotNull(repaired.LastReconciledAt);
        Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
        await AssertSecondRunChangesNothingAsync(account);
    }

    [Fact]
    public async Task Dropped_fill_of_an_entry_becomes_a_position_after_reconciliation()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RE");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);

        var entry = await WithFaultAsync(f => f.DropFillReportRate = 1, () => _trading.OpenAsync(account, symbol, quantity: 10m));
        AssertAccepted(entry);
        Assert.Equal(0m, entry.FilledQuantity);
        Assert.Empty((await account.GetSnapshotAsync())!.Positions);

        await Feed(account).ReconcileAsync();

        var position = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(10m, position.Quantity);
        Assert.Equal(100.05m, position.EntryPrice);
        Assert.Equal(98.049m, position.StopLossPrice);
        await AssertSecondRunChangesNothingAsync(account);
    }

    [Fact]
    public async Task Order_the_venue_never_received_is_marked_rejected()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RU");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);

        var entry = await WithFaultAsync(f => f.LoseOrderRate = 1, () => _trading.OpenAsync(account, symbol));
        AssertAccepted(entry);
        Assert.Equal(0m, entry.FilledQuantity);
        var pending = (await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 10)).Items.Single();
        Assert.Equal(OrderStatus.Pending, pending.Order.Status);

        Assert.Equal(1, await Feed(account).ReconcileAsync());

        var order = (await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 10)).Items.Single();
        Assert.Equal(OrderStatus.Rejected, order.Order.Status);
        Assert.Contains("Unknown to the venue", order.History[^1].Note);
        Assert.Empty((await account.GetSnapshotAsync())!.Positions);
        await AssertSecondRunChangesNothingAsync(account);
    }

    [Fact]
    public async Task Working_order_the_venue_cancelled_is_closed_and_the_position_can_exit_again()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RC");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m, bidSize: 0m, askSize: 0m); // no buyers: the close must wait

        var close = await _trading.CloseAsync(account, symbol);
        AssertAccepted(close);
        Assert.Equal(0m, close.FilledQuantity);
        Assert.Equal(1, await _trading.Client.GetGrain<IPaperVenueGrain>(account.GetPrimaryKeyString()).CancelAllWorkingAsync("session closed"));

        Assert.Equal(1, await Feed(account).ReconcileAsync());

        var order = (await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 10)).Items[0];
        Assert.Equal(close.OrderId, order.Order.OrderId);
        Assert.Equal(OrderStatus.Cancelled, order.Order.Status);
        Assert.Single((await account.GetSnapshotAsync())!.Positions);
        await AssertSecondRunChangesNothingAsync(account);

        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        var again = await _trading.CloseAsync(account, symbol);
        Assert.Equal(10m, again.FilledQuantity);
    }

    [Fact]
    public async Task Reminder_reconciles_on_its_own_within_the_interval()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RR");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));
        await WithFaultAsync(f => f.DropFillReportRate = 1, () => _trading.CloseAsync(account, symbol));

        // Nobody calls ReconcileAsync: the 5 s reminder does it.
        var repaired = await Eventually.MatchesAsync(async () => (await account.GetSnapshotAsync())!,
            s => s.Positions.Count == 0 && s.LastReconciledAt is not null, TimeSpan.FromSeconds(15), "the reminder to reconcile");
        Assert.True(repaired.ReconciliationRepairs >= 1);
    }

    [Fact]
    public async Task Position_changed_at_the_venue_behind_the_accounts_back_is_set_to_the_venues()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("RP");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));

        // Someone sells 4 directly at the venue (a manual trade at the broker): the account never hears of it.
        var venue = _trading.Client.GetGrain<IPaperVenueGrain>(id);
        await venue.SubmitAsync(new Abstractions.Venue.VenueOrder(id, "manual-1", symbol, OrderSide.Sell, 4m, null, true,
            Abstractions.Venue.TimeInForce.ImmediateOrCancel));

        Assert.Equal(1, await Feed(account).ReconcileAsync());
        Assert.Equal(6m, Assert.Single((await account.GetSnapshotAsync())!.Positions).Quantity);
        await AssertSecondRunChangesNothingAsync(account);
    }

    [Fact]
    public async Task Quantity_the_venue_no_longer_holds_is_closed_as_a_reconciliation_trade_and_counted_once()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("RK");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));
        await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);
        AssertAccepted(await _trading.CloseAsync(account, symbol, quantity: 4m)); // a partial loss
        await _trading.Client.GetGrain<IPaperVenueGrain>(id).SubmitAsync(new Abstractions.Venue.VenueOrder(id, "manual-3", symbol,
            OrderSide.Sell, 6m, null, true, Abstractions.Venue.TimeInForce.ImmediateOrCancel));

        Assert.Equal(1, await Feed(account).ReconcileAsync());

        var snapshot = (await account.GetSnapshotAsync())!;
        Assert.Empty(snapshot.Positions);
        Assert.Equal(1, snapshot.Losses);
        Assert.Equal(0, snapshot.Wins);
        var mid = (99m + 99.05m) / 2;
        Assert.Equal(4m * (99m - 100.05m) + 6m * (mid - 100.05m), snapshot.RealizedPnl);
        var trades = (await fixture.Journal.GetTradesAsync(id, 0, 10)).Items;
        Assert.Equal(OrderPurpose.Reconciliation, trades[0].Reason);
        Assert.Equal(6m, trades[0].Quantity);
        await AssertSecondRunChangesNothingAsync(account);
    }

    [Fact]
    public async Task Position_the_venue_holds_but_the_account_does_not_is_adopted_at_a_real_price_with_a_stop()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("RA");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        await _trading.Client.GetGrain<IPaperVenueGrain>(id).SubmitAsync(new Abstractions.Venue.VenueOrder(id, "manual-2", symbol,
            OrderSide.Buy, 5m, null, false, Abstractions.Venue.TimeInForce.ImmediateOrCancel));

        Assert.Equal(1, await Feed(account).ReconcileAsync());

        var position = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(5m, position.Quantity);
        Assert.Equal(PositionSide.Long, position.Side);
        Assert.Equal(100.025m, position.EntryPrice);
        Assert.Equal(100.025m * 0.98m, position.StopLossPrice);
        await AssertSecondRunChangesNothingAsync(account);
    }

    [Fact]
    public async Task Position_adopted_after_the_quote_it_traded_on_is_booked_at_the_venues_fill_not_the_older_mid()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("RF");
        // The last quote is 200 ms old (fresh enough to trade on) when the venue fills the order the account never placed.
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m, age: TimeSpan.FromMilliseconds(200));
        await _trading.Client.GetGrain<IPaperVenueGrain>(id).SubmitAsync(new Abstractions.Venue.VenueOrder(id, "manual-4", symbol,
            OrderSide.Buy, 5m, null, false, Abstractions.Venue.TimeInForce.ImmediateOrCancel));

        Assert.Equal(1, await Feed(account).ReconcileAsync());

        var position = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(5m, position.Quantity);
        Assert.Equal(100.05m, position.EntryPrice);
        Assert.Equal(100.05m * 0.98m, position.StopLossPrice);
        await AssertSecondRunChangesNothingAsync(account);
    }

    [Fact]
    public async Task Venue_rejection_fault_rejects_the_entry_as_venueRejected()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("VR");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);

        var decision = await WithFaultAsync(f => f.RejectOrderRate = 1, () => _trading.OpenAsync(account, symbol));

        AssertRejected(decision, RejectionReason.VenueRejected);
        Assert.Empty((await account.GetSnapshotAsync())!.Positions);
        var order = (await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 1)).Items.Single();
        Assert.Equal(OrderStatus.Rejected, order.Order.Status);
    }

    [Fact]
    public async Task Venue_latency_fault_delays_the_fill_but_not_its_outcome()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("VL");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var decision = await WithFaultAsync(f => f.ExtraLatency = TimeSpan.FromMilliseconds(300), () => _trading.OpenAsync(account, symbol));

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {started.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(10m, decision.FilledQuantity);
    }

    /// <summary>Snapshots hold lists, which records compare by reference.</summary>
    private sealed class SnapshotComparer : IEqualityComparer<AccountSnapshot>
    {
        public bool Equals(AccountSnapshot? x, AccountSnapshot? y) =>
            x is not null && y is not null
            && x with { Positions = [], Locks = [] } == y with { Positions = [], Locks = [] }
            && x.Positions.SequenceEqual(y.Positions);

        public int GetHashCode(AccountSnapshot obj) => obj.AccountId.GetHashCode(StringComparison.Ordinal);
    }
}
