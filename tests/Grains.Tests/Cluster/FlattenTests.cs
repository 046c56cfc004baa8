using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FlattenTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task Flatten_is_refused_while_the_kill_switch_is_active()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _trading.Client.KillSwitch().FlattenAsync());
    }

    [Theory]
    [InlineData(KillSwitchState.ReduceOnly)]
    [InlineData(KillSwitchState.Halted)]
    public async Task Flatten_closes_every_position_of_every_account_with_reduce_only_orders(KillSwitchState state)
    {
        var longs = await _trading.CreateAccountAsync();
        var shorts = await _trading.CreateAccountAsync();
        var symbol = NewId("FL");
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100m);
        AssertAccepted(await _trading.OpenAsync(longs, symbol, quantity: 5m));
        AssertAccepted(await _trading.OpenAsync(longs, symbol, quantity: 7m));
        AssertAccepted(await _trading.OpenAsync(shorts, symbol, OrderSide.Sell, quantity: 3m));
        await _trading.SetKillSwitchAsync(state);
        try
        {
            var result = await _trading.Client.KillSwitch().FlattenAsync();

            Assert.Empty(result.FailedAccounts);
            Assert.True(result.PositionsClosing >= 3);
            foreach (var account in new[] { longs, shorts })
            {
                var flat = await FlatAsync(account);
                Assert.Null(flat.ActiveSymbol);
                var trades = (await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items;
                Assert.NotEmpty(trades);
                Assert.All(trades, t => Assert.Equal(OrderPurpose.Flatten, t.Reason));
            }

            Assert.Equal(12m, (await fixture.Journal.GetTradesAsync(longs.GetPrimaryKeyString(), 0, 10)).Items.Sum(t => t.Quantity));
        }
        finally
        {
            await _trading.SetKillSwitchAsync(KillSwitchState.Active);
        }
    }
}
