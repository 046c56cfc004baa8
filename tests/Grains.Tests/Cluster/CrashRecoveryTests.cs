using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>A restarted silo must protect open positions by itself: reminders revive the accounts, which re-arm their stops.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task After_a_restart_an_open_position_stops_out_with_no_call_to_its_account()
    {
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("recovering-va", 10_000m);
            await trading.PublishQuoteAsync("MSFT", 99.95m, 100m);
            AssertAccepted(await trading.OpenAsync(account, "MSFT", quantity: 10m)); // stop at 98.00
        }

        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            // Only market data moves: nothing calls the account grain.
            await cluster.Client.MarketData("MSFT").PublishQuoteAsync(new Quote("MSFT", 97m, 97.05m, _clock.Now));
            var journal = cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>();
            var trades = await Eventually.MatchesAsync(() => journal.GetTradesAsync("recovering-va", 0, 10),
                page => page.Total > 0, TimeSpan.FromSeconds(20), "the reminder-revived account to stop out");

            var trade = Assert.Single(trades.Items);
            Assert.Equal(OrderPurpose.StopLoss, trade.Reason);
            Assert.Equal(10m * (97m - 100m), trade.Pnl);

            var snapshot = await cluster.Client.Account("recovering-va").GetSnapshotAsync();
            Assert.Empty(snapshot!.Positions);
            Assert.Equal(10_000m - 30m, snapshot.Balance);
            Assert.Equal(1, snapshot.Losses);
        }
    }

    [Fact]
    public async Task A_fill_applied_before_a_restart_is_not_applied_again_by_reconciliation()
    {
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("once-va", 10_000m);
            await trading.PublishQuoteAsync("IBM", 100m, 100.05m);
            AssertAccepted(await trading.OpenAsync(account, "IBM", quantity: 10m));
            AssertAccepted(await trading.CloseAsync(account, "IBM", quantity: 4m));
        }

        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var feed = cluster.Client.GetGrain<Accounts.IAccountFeedGrain>("once-va");
            Assert.Equal(0, await feed.ReconcileAsync());
            var snapshot = await cluster.Client.Account("once-va").GetSnapshotAsync();
            Assert.Equal(6m, Assert.Single(snapshot!.Positions).Quantity);
            Assert.Equal(0, snapshot.Wins + snapshot.Losses); // a partly closed position is not a finished trade yet
            Assert.Equal(4m * (100m - 100.05m), snapshot.RealizedPnl);
            var journal = cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>();
            Assert.Equal(1, (await journal.GetTradesAsync("once-va", 0, 10)).Total);
        }
    }

    public void Dispose() => _database.Dispose();
}
