using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>Overrides and latched limits are grain state: a new silo on the same file still enforces them.</summary>
public sealed class LimitsRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task Overrides_and_a_drawdown_halt_survive_a_silo_restart()
    {
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("limits-restart", 10_000m);
            await account.UpdateLimitsAsync(new LimitsChange(new LimitOverrides(MaxDrawdownPercent: 0.1m, MaxQuantityPerOrder: 50m), []));
            await trading.PublishQuoteAsync("LRS", 100m, 100.05m);
            AssertAccepted(await trading.OpenAsync(account, "LRS"));
            await trading.PublishQuoteAsync("LRS", 99m, 99.05m);
            await Eventually.MatchesAsync(async () => (await account.GetSnapshotAsync())!,
                s => s.Locks!.Any(l => l.Reason == RejectionReason.MaxDrawdown), TimeSpan.FromSeconds(5), "the halt");
        }

        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = cluster.Client.Account("limits-restart");
            var limits = (await account.GetLimitsAsync())!;
            Assert.Equal(new LimitValue<decimal?>(50m, LimitSource.Override), limits.Limits.MaxQuantityPerOrder);
            Assert.Contains(limits.Usage.Locks, l => l.Reason == RejectionReason.MaxDrawdown);

            await trading.PublishQuoteAsync("LRS", 100.2m, 100.25m);
            AssertRejected(await trading.OpenAsync(account, "LRS", quantity: 51m), RejectionReason.OrderTooLarge);
            AssertRejected(await trading.OpenAsync(account, "LRS"), RejectionReason.MaxDrawdown);
        }
    }

    public void Dispose() => _database.Dispose();
}
