using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>The exposure grains hold no exposure in storage: after a restart they rebuild it from the accounts, before any entry.</summary>
public sealed class ExposureRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task Exposure_held_before_a_restart_still_counts_against_the_limit_after_it()
    {
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock, ExposureClusterFixture.Settings))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            await trading.PublishQuoteAsync("XRS", 100m, 100.05m);
            for (var i = 0; i < 9; i++)
            {
                var account = await trading.CreateAccountAsync($"xrs-{i}");
                AssertAccepted(await trading.OpenAsync(account, "XRS"));
            }
        }

        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock, ExposureClusterFixture.Settings))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            await trading.PublishQuoteAsync("XRS", 100m, 100.05m);
            var late = await trading.CreateAccountAsync("xrs-late");

            AssertRejected(await trading.OpenAsync(late, "XRS"), RejectionReason.PortfolioExposure);

            AssertAccepted(await trading.CloseAsync(cluster.Client.Account("xrs-0"), "XRS"));
            AssertAccepted(await trading.OpenAsync(late, "XRS"));
        }
    }

    public void Dispose() => _database.Dispose();
}
