using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>Acknowledged state must be on disk: a new silo on the same file sees exactly what callers were told.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task Accounts_positions_decisions_and_kill_switch_survive_a_silo_restart()
    {
        SignalDecision opened;
        AccountSnapshot before;
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("restart-va", 50_000m);
            await trading.PublishQuoteAsync("AAPL", 100m, 100.05m);
            opened = await trading.OpenAsync(account, "AAPL", quantity: 25m, signalId: "before-restart");
            AssertAccepted(opened);
            await trading.SetKillSwitchAsync(KillSwitchState.ReduceOnly);
            before = (await account.GetSnapshotAsync())!;
        }

        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = cluster.Client.Account("restart-va");
            var after = await account.GetSnapshotAsync();

            Assert.NotNull(after);
            Assert.Equal(before.Balance, after.Balance);
            Assert.Equal(before.CreatedAt, after.CreatedAt);
            var position = Assert.Single(after.Positions);
            Assert.Equal(before.Positions[0] with { CurrentPrice = null, UnrealizedPnl = 0m, QuoteAgeMs = null }, position);
            Assert.Equal(KillSwitchState.ReduceOnly, (await cluster.Client.KillSwitch().GetStatusAsync()).State);
            Assert.Contains("restart-va", await cluster.Client.AccountDirectory().ListAsync());

            // The re-sent signal is recognised after the restart: same decision, no second position.
            await trading.PublishQuoteAsync("AAPL", 100m, 100.05m);
            Assert.Equal(opened, await trading.OpenAsync(account, "AAPL", quantity: 25m, signalId: "before-restart"));
            Assert.Single((await account.GetSnapshotAsync())!.Positions);
        }
    }

    public void Dispose() => _database.Dispose();
}
