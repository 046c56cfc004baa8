using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// The portfolio's daily loss sets the kill-switch to reduceOnly by itself. The kill-switch is cluster-wide, so this
/// runs on a cluster of its own, with the portfolio limit at 0.5 %.
/// </summary>
public sealed class PortfolioKillSwitchTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task A_portfolio_daily_loss_at_its_limit_sets_the_kill_switch_to_reduceOnly_once_a_day_and_the_summary_shows_it()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock, new Dictionary<string, string?>
        {
            ["Trading:Limits:Portfolio:DailyLossPercent"] = "0.5",
        });
        var trading = new TradingDriver(cluster.Client, _clock);
        var loser = await trading.CreateAccountAsync("pk-loser", 100_000m);
        var bystander = await trading.CreateAccountAsync("pk-bystander", 100_000m);
        await trading.PublishQuoteAsync("PKS", 100m, 100.05m);
        AssertAccepted(await trading.OpenAsync(loser, "PKS", quantity: 100m, stopLossPercent: 50m));
        AssertAccepted(await trading.OpenAsync(bystander, "PKS", quantity: 1m));

        // Account figures reach the portfolio with the next flush of the silo's collector, not with the signal.
        var summary = await Eventually.MatchesAsync(() => cluster.Client.Portfolio().GetSummaryAsync(), s => s.Accounts == 2,
            TimeSpan.FromSeconds(10), "both accounts in the portfolio summary");
        Assert.Equal(2, summary.Accounts);
        var exposure = Assert.Single(summary.Symbols);
        Assert.Equal(("PKS", 101m * 100.05m, 1_000_000m, 2), (exposure.Symbol, exposure.Gross, exposure.Limit, exposure.Accounts));
        Assert.Equal(101m * 100.05m, summary.GrossExposure);
        Assert.Equal(5_000_000m, summary.MaxGrossExposure);
        Assert.Equal(0.5m, summary.DailyLossLimitPercent);
        Assert.False(summary.KillSwitchTrippedToday);

        // 100 × (94.5 − 100.05) = −555, and the bystander's 2 % stop closes it at 94.5: −5.55. 560.55 of 200,000 = 0.28 %;
        // then 89: 1,105 + 5.55 = 1,110.55 = 0.56 %.
        await trading.PublishQuoteAsync("PKS", 94.5m, 94.55m);
        await Task.Delay(600);
        Assert.Equal(KillSwitchState.Active, (await cluster.Client.KillSwitch().GetStatusAsync()).State);

        await trading.PublishQuoteAsync("PKS", 89m, 89.05m);
        var status = await Eventually.MatchesAsync(() => cluster.Client.KillSwitch().GetStatusAsync(),
            s => s.State == KillSwitchState.ReduceOnly, TimeSpan.FromSeconds(5), "the kill-switch to go to reduceOnly");
        Assert.StartsWith("portfolio daily loss 0.56 % ≥ 0.5 % limit (Portfolio:DailyLossPercent)", status.Reason, StringComparison.Ordinal);
        AssertRejected(await trading.OpenAsync(bystander, "PKS"), RejectionReason.KillSwitch);

        var after = await Eventually.MatchesAsync(() => cluster.Client.Portfolio().GetSummaryAsync(), s => s.TodayLoss == 1_110.55m,
            TimeSpan.FromSeconds(5), "both accounts' losses in the portfolio");
        Assert.True(after.KillSwitchTrippedToday);
        Assert.Equal(200_000m, after.DayStartEquity);

        // An operator who sets it back to active is not overruled again the same trading day.
        await trading.SetKillSwitchAsync(KillSwitchState.Active);
        await trading.PublishQuoteAsync("PKS", 88m, 88.05m);
        await Task.Delay(1_000);
        Assert.Equal(KillSwitchState.Active, (await cluster.Client.KillSwitch().GetStatusAsync()).State);
    }

    public void Dispose() => _database.Dispose();
}
