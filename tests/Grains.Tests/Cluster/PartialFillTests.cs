using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class PartialFillTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task Entry_larger_than_the_ask_size_fills_in_part_and_cancels_the_rest()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("PF");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m, bidSize: 500m, askSize: 4m);

        var decision = await _trading.OpenAsync(account, symbol, quantity: 10m);

        AssertAccepted(decision);
        Assert.Equal(4m, decision.FilledQuantity);
        var position = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(4m, position.Quantity);
        var order = Assert.Single((await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
        Assert.Equal(OrderStatus.Cancelled, order.Order.Status);
        Assert.Equal(4m, order.Order.FilledQuantity);
        Assert.Equal(
            [OrderStatus.Pending, OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Cancelled],
            order.History.Select(h => h.Status));
    }

    [Fact]
    public async Task Close_larger_than_the_bid_size_keeps_working_until_the_position_is_flat()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("PX");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));

        await _trading.PublishQuoteAsync(symbol, 100.5m, 100.55m, bidSize: 3m, askSize: 3m);
        var close = await _trading.CloseAsync(account, symbol, quantity: 10m);

        AssertAccepted(close);
        Assert.Equal(3m, close.FilledQuantity);
        var flat = await FlatAsync(account);
        Assert.Equal(1, flat.Wins); // four fills, one position: one win
        Assert.Equal(10m * (100.5m - 100.05m), flat.RealizedPnl);

        var trades = await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10);
        Assert.Equal(10m, trades.Items.Sum(t => t.Quantity));
        Assert.All(trades.Items, t => Assert.Equal(OrderPurpose.Signal, t.Reason));
        var order = (await fixture.Journal.GetOrdersAsync(account.GetPrimaryKeyString(), 0, 10)).Items[0];
        Assert.Equal(OrderStatus.Filled, order.Order.Status);
        Assert.Contains(OrderStatus.PartiallyFilled, order.History.Select(h => h.Status));
    }

    [Fact]
    public async Task Partial_close_never_exceeds_what_is_open_and_leaves_the_rest_protected()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("PR");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));

        var first = await _trading.CloseAsync(account, symbol, quantity: 4m);
        Assert.Equal(4m, first.FilledQuantity);
        var rest = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(6m, rest.Quantity);
        Assert.Equal(98.049m, rest.StopLossPrice);

        var all = await _trading.CloseAsync(account, symbol, quantity: 1_000m);
        Assert.Equal(6m, all.FilledQuantity);
        AssertRejected(await _trading.CloseAsync(account, symbol), RejectionReason.NoOpenPosition);
    }
}
