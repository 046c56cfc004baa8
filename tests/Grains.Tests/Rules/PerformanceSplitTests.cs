using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

/// <summary>Partial exits book PnL at once but count as one trade when the position is flat.</summary>
public class PerformanceSplitTests
{
    private static readonly DateTimeOffset ClosedAt = new(2026, 11, 4, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Realize_books_pnl_without_counting_a_trade()
    {
        var stats = Performance.Realize(PerformanceStats.Initial(10_000m), -50m, remainingUnrealizedPnl: 0m);

        Assert.Equal(9_950m, stats.Balance);
        Assert.Equal(-50m, stats.RealizedPnl);
        Assert.Equal(0, stats.Wins + stats.Losses);
        Assert.Equal(0, stats.ConsecutiveLosses);
        Assert.Equal(0.005m, stats.MaxDrawdown);
    }

    [Fact]
    public void Realize_marks_equity_with_what_is_still_open()
    {
        var stats = Performance.Realize(PerformanceStats.Initial(10_000m), 100m, remainingUnrealizedPnl: 50m);
        Assert.Equal(10_150m, stats.PeakEquity);
    }

    [Fact]
    public void CountOutcome_counts_one_loss_and_leaves_the_balance_alone()
    {
        var stats = Performance.CountOutcome(PerformanceStats.Initial(10_000m), -1m, ClosedAt, 3, TimeSpan.FromMinutes(5));

        Assert.Equal(10_000m, stats.Balance);
        Assert.Equal(1, stats.Losses);
        Assert.Equal(1, stats.ConsecutiveLosses);
    }

    [Fact]
    public void Three_partial_losing_fills_of_one_position_are_one_loss_not_a_cooldown()
    {
        var stats = PerformanceStats.Initial(10_000m);
        decimal positionPnl = 0;
        foreach (var fillPnl in new[] { -10m, -10m, -10m })
        {
            stats = Performance.Realize(stats, fillPnl, remainingUnrealizedPnl: 0m);
            positionPnl += fillPnl;
        }

        stats = Performance.CountOutcome(stats, positionPnl, ClosedAt, 3, TimeSpan.FromMinutes(5));

        Assert.Equal(1, stats.Losses);
        Assert.Null(stats.CooldownUntil);
        Assert.Equal(9_970m, stats.Balance);
    }

    [Fact]
    public void ApplyClosedTrade_is_realize_then_count()
    {
        var start = PerformanceStats.Initial(10_000m) with { ConsecutiveLosses = 2 };
        var combined = Performance.ApplyClosedTrade(start, -5m, ClosedAt, 0m, 3, TimeSpan.FromMinutes(5));
        var stepwise = Performance.CountOutcome(Performance.Realize(start, -5m, 0m), -5m, ClosedAt, 3, TimeSpan.FromMinutes(5));

        Assert.Equal(stepwise, combined);
        Assert.Equal(ClosedAt.AddMinutes(5), combined.CooldownUntil);
    }
}
