using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>Orders and trades read through the account grain by a cluster client, as the CLI does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JournalQueryTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task Client_pages_orders_and_trades_newest_first()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("JQ");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        for (var i = 0; i < 3; i++)
        {
            AssertAccepted(await _trading.OpenAsync(account, symbol, signalId: $"open-{i}"));
            AssertAccepted(await _trading.CloseAsync(account, symbol, signalId: $"close-{i}"));
        }

        var orders = await account.GetOrdersAsync(0, 4);
        Assert.NotNull(orders);
        Assert.Equal(6, orders.Total);
        Assert.Equal(["close-2", "open-2", "close-1", "open-1"], orders.Items.Select(o => o.Order.SignalId));
        Assert.Equal(["ord-6", "ord-5", "ord-4", "ord-3"], orders.Items.Select(o => o.Order.OrderId));
        Assert.All(orders.Items, o => Assert.Equal(OrderStatus.Filled, o.Order.Status));
        Assert.Equal([OrderStatus.Pending, OrderStatus.Accepted, OrderStatus.Filled], orders.Items[0].History.Select(h => h.Status));

        var trades = await account.GetTradesAsync(1, 10);
        Assert.NotNull(trades);
        Assert.Equal(3, trades.Total);
        Assert.Equal(["ord-4", "ord-2"], trades.Items.Select(t => t.OrderId));

        Assert.Null(await _trading.Client.Account(NewId("nobody")).GetTradesAsync(0, 10));
    }
}
