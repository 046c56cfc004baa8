using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

public sealed class PortfolioDailyLossTests
{
    private static readonly TradingDay Today = TradingDay.Containing(EntryCheckBuilder.DefaultNow, new TradingWindowOptions());
    private static readonly TradingDay Yesterday = TradingDay.Containing(EntryCheckBuilder.DefaultNow.AddDays(-1), new TradingWindowOptions());

    [Fact]
    public void The_sum_of_the_accounts_losses_at_exactly_the_limit_reaches_it_and_a_cent_less_does_not()
    {
        AccountDay[] atLimit = [new(Today.Start, 100_000m, 97_500m), new(Today.Start, 100_000m, 99_500m)]; // 3,000 of 200,000 = 1.5 %
        Assert.True(PortfolioDailyLoss.IsReached(PortfolioDailyLoss.Of(atLimit, Today), 1.5m));

        AccountDay[] below = [new(Today.Start, 100_000m, 97_500.01m), new(Today.Start, 100_000m, 99_500m)];
        Assert.False(PortfolioDailyLoss.IsReached(PortfolioDailyLoss.Of(below, Today), 1.5m));
    }

    [Fact]
    public void One_accounts_gain_offsets_anothers_loss()
    {
        var offset = PortfolioDailyLoss.Of([new(Today.Start, 100_000m, 94_000m), new(Today.Start, 100_000m, 106_000m)], Today);
        Assert.Equal(200_000m, offset.Equity);
        Assert.Equal(0m, offset.LossPercent);

        var partly = PortfolioDailyLoss.Of([new(Today.Start, 100_000m, 94_000m), new(Today.Start, 100_000m, 104_000m)], Today);
        Assert.Equal(2_000m, partly.Loss);
        Assert.Equal(1m, partly.LossPercent);
    }

    [Fact]
    public void An_account_last_seen_on_an_earlier_trading_day_counts_as_flat_today()
    {
        var day = PortfolioDailyLoss.Of([new(Yesterday.Start, 100_000m, 90_000m), new(Today.Start, 10_000m, 9_000m)], Today);
        Assert.Equal(100_000m, day.StartEquity); // 90,000 (yesterday's end) + 10,000
        Assert.Equal(1_000m, day.Loss);
        Assert.Equal(1m, day.LossPercent);
    }

    [Fact]
    public void No_accounts_is_no_loss_and_never_reaches_the_limit()
    {
        var day = PortfolioDailyLoss.Of([], Today);
        Assert.False(PortfolioDailyLoss.IsReached(day, 0.00000001m));
    }

    [Fact]
    public void The_kill_switch_reason_names_the_loss_and_the_limit() =>
        Assert.StartsWith("portfolio daily loss 3.1 % ≥ 3 % limit (Portfolio:DailyLossPercent); set to reduceOnly automatically",
            PortfolioDailyLoss.Describe(new PortfolioDay(100_000m, 96_900m, 3.1m), 3m), StringComparison.Ordinal);
}
