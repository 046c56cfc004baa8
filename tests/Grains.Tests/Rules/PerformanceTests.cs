using Microsoft.Extensions.Time.Testing;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class PerformanceTests
{
    private const int CooldownAfterLosses = 3;
    private static readonly TimeSpan CooldownDuration = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset T0 = EntryCheckBuilder.DefaultNow;

    private static PerformanceStats Apply(PerformanceStats stats, decimal pnl, DateTimeOffset closedAt, decimal unrealized = 0m) =>
        Performance.ApplyClosedTrade(stats, pnl, closedAt, unrealized, CooldownAfterLosses, CooldownDuration);

    private static PerformanceStats ApplyAll(PerformanceStats stats, params decimal[] pnls)
    {
        for (var i = 0; i < pnls.Length; i++)
        {
            stats = Apply(stats, pnls[i], T0.AddMinutes(i));
        }

        return stats;
    }

    [Fact]
    public void Governor_defaults_are_three_positions_three_losses_five_minutes()
    {
        var defaults = new GovernorOptions();
        Assert.Equal(3, defaults.MaxOpenPositions);
        Assert.Equal(3, defaults.CooldownAfterLosses);
        Assert.Equal(TimeSpan.FromMinutes(5), defaults.CooldownDuration);
    }

    [Fact]
    public void Initial_stats_start_flat_at_the_balance()
    {
        var stats = PerformanceStats.Initial(100_000m);

        Assert.Equal(100_000m, stats.Balance);
        Assert.Equal(0m, stats.RealizedPnl);
        Assert.Equal(0, stats.Wins);
        Assert.Equal(0, stats.Losses);
        Assert.Equal(0, stats.ConsecutiveLosses);
        Assert.Null(stats.CooldownUntil);
        Assert.Equal(100_000m, stats.PeakEquity);
        Assert.Equal(0m, stats.MaxDrawdown);
    }

    // ---- wins and losses --------------------------------------------------------------------

    [Fact]
    public void Winning_trade_adds_to_balance_and_realized_pnl()
    {
        var stats = Apply(PerformanceStats.Initial(100_000m), 250.50m, T0);

        Assert.Equal(100_250.50m, stats.Balance);
        Assert.Equal(250.50m, stats.RealizedPnl);
        Assert.Equal(1, stats.Wins);
        Assert.Equal(0, stats.Losses);
        Assert.Equal(0, stats.ConsecutiveLosses);
    }

    [Fact]
    public void Losing_trade_subtracts_from_balance_and_counts_a_loss()
    {
        var stats = Apply(PerformanceStats.Initial(100_000m), -120.25m, T0);

        Assert.Equal(99_879.75m, stats.Balance);
        Assert.Equal(-120.25m, stats.RealizedPnl);
        Assert.Equal(0, stats.Wins);
        Assert.Equal(1, stats.Losses);
        Assert.Equal(1, stats.ConsecutiveLosses);
        Assert.Null(stats.CooldownUntil);
    }

    [Fact]
    public void Break_even_trade_counts_as_a_win()
    {
        var stats = Apply(PerformanceStats.Initial(100_000m), 0m, T0);

        Assert.Equal(1, stats.Wins);
        Assert.Equal(0, stats.Losses);
        Assert.Equal(100_000m, stats.Balance);
    }

    [Fact]
    public void Realized_pnl_and_balance_accumulate_over_trades()
    {
        var stats = ApplyAll(PerformanceStats.Initial(10_000m), 100m, -40m, 25.5m, -10m);

        Assert.Equal(75.5m, stats.RealizedPnl);
        Assert.Equal(10_075.5m, stats.Balance);
        Assert.Equal(2, stats.Wins);
        Assert.Equal(2, stats.Losses);
    }

    // ---- loss streak and cooldown -----------------------------------------------------------

    [Fact]
    public void Two_consecutive_losses_do_not_start_a_cooldown()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), -10m, -10m);

        Assert.Equal(2, stats.ConsecutiveLosses);
        Assert.Null(stats.CooldownUntil);
    }

    [Fact]
    public void Third_consecutive_loss_starts_the_cooldown_from_its_close_time()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), -10m, -10m);
        var closedAt = T0.AddMinutes(30);

        stats = Apply(stats, -10m, closedAt);

        Assert.Equal(closedAt + CooldownDuration, stats.CooldownUntil);
    }

    [Fact]
    public void Third_consecutive_loss_resets_the_streak_to_zero()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), -10m, -10m, -10m);

        Assert.Equal(0, stats.ConsecutiveLosses);
        Assert.Equal(3, stats.Losses);
    }

    [Fact]
    public void Win_resets_the_loss_streak()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), -10m, -10m, 5m);

        Assert.Equal(0, stats.ConsecutiveLosses);

        stats = Apply(stats, -10m, T0.AddMinutes(10));
        Assert.Equal(1, stats.ConsecutiveLosses);
        Assert.Null(stats.CooldownUntil);
    }

    [Fact]
    public void Break_even_trade_resets_the_loss_streak()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), -10m, -10m, 0m, -10m);

        Assert.Equal(1, stats.ConsecutiveLosses);
        Assert.Null(stats.CooldownUntil);
    }

    [Fact]
    public void After_a_cooldown_another_full_streak_is_needed_for_the_next_one()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), -10m, -10m, -10m);
        var firstCooldown = stats.CooldownUntil;

        stats = Apply(stats, -10m, T0.AddMinutes(20));
        stats = Apply(stats, -10m, T0.AddMinutes(21));
        Assert.Equal(firstCooldown, stats.CooldownUntil);
        Assert.Equal(2, stats.ConsecutiveLosses);

        var third = T0.AddMinutes(22);
        stats = Apply(stats, -10m, third);
        Assert.Equal(third + CooldownDuration, stats.CooldownUntil);
        Assert.Equal(0, stats.ConsecutiveLosses);
    }

    [Fact]
    public void Configured_loss_count_and_duration_are_honoured()
    {
        var stats = Performance.ApplyClosedTrade(
            PerformanceStats.Initial(1_000m), -1m, T0, 0m, cooldownAfterLosses: 1, cooldownDuration: TimeSpan.FromHours(1));

        Assert.Equal(T0.AddHours(1), stats.CooldownUntil);
        Assert.Equal(0, stats.ConsecutiveLosses);
    }

    [Fact]
    public void Cooldown_after_three_losses_blocks_entries_until_it_expires()
    {
        var clock = new FakeTimeProvider(T0);
        var stats = PerformanceStats.Initial(100_000m);
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            stats = Apply(stats, -25m, clock.GetUtcNow());
        }

        var until = Assert.NotNull(stats.CooldownUntil);
        Assert.Equal(clock.GetUtcNow() + CooldownDuration, until);
        Assert.Equal(RejectionReason.Cooldown, Governor.CheckCooldown(until, clock.GetUtcNow())?.Reason);

        clock.Advance(CooldownDuration - TimeSpan.FromMilliseconds(1));
        Assert.Equal(RejectionReason.Cooldown, Governor.CheckCooldown(until, clock.GetUtcNow())?.Reason);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(Governor.CheckCooldown(until, clock.GetUtcNow()));
    }

    // ---- equity peak and drawdown -----------------------------------------------------------

    [Fact]
    public void Peak_equity_rises_with_a_new_high()
    {
        var stats = Apply(PerformanceStats.Initial(100_000m), 10_000m, T0);

        Assert.Equal(110_000m, stats.PeakEquity);
        Assert.Equal(0m, stats.MaxDrawdown);
    }

    [Fact]
    public void Max_drawdown_is_peak_minus_equity_over_peak()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), 10_000m, -11_000m);

        Assert.Equal(99_000m, stats.Balance);
        Assert.Equal(110_000m, stats.PeakEquity);
        Assert.Equal(0.1m, stats.MaxDrawdown);
    }

    [Fact]
    public void Recovery_does_not_reduce_max_drawdown()
    {
        var stats = ApplyAll(PerformanceStats.Initial(100_000m), -20_000m, 30_000m);

        Assert.Equal(110_000m, stats.PeakEquity);
        Assert.Equal(0.2m, stats.MaxDrawdown);
    }

    [Fact]
    public void Equity_includes_the_unrealized_pnl_of_remaining_positions()
    {
        // Balance 100,500 after a 500 win, but the remaining positions are 5,525 under water: equity 94,975.
        var stats = Apply(PerformanceStats.Initial(100_000m), 500m, T0, unrealized: -5_525m);

        Assert.Equal(100_500m, stats.Balance);
        Assert.Equal(100_000m, stats.PeakEquity);
        Assert.Equal(0.05025m, stats.MaxDrawdown);
    }

    [Fact]
    public void Unrealized_gains_raise_the_peak()
    {
        var stats = Apply(PerformanceStats.Initial(100_000m), 0m, T0, unrealized: 2_000m);

        Assert.Equal(102_000m, stats.PeakEquity);
    }

    [Fact]
    public void Mark_raises_peak_and_drawdown_but_never_lowers_them()
    {
        var stats = PerformanceStats.Initial(1_000m);

        stats = Performance.Mark(stats, 1_200m);
        Assert.Equal(1_200m, stats.PeakEquity);
        Assert.Equal(0m, stats.MaxDrawdown);

        stats = Performance.Mark(stats, 900m);
        Assert.Equal(1_200m, stats.PeakEquity);
        Assert.Equal(0.25m, stats.MaxDrawdown);

        stats = Performance.Mark(stats, 1_100m);
        Assert.Equal(1_200m, stats.PeakEquity);
        Assert.Equal(0.25m, stats.MaxDrawdown);
    }

    [Fact]
    public void Mark_does_not_touch_balance_or_counters()
    {
        var before = ApplyAll(PerformanceStats.Initial(1_000m), -10m, 5m);

        var after = Performance.Mark(before, 500m);

        Assert.Equal(before.Balance, after.Balance);
        Assert.Equal(before.RealizedPnl, after.RealizedPnl);
        Assert.Equal(before.Wins, after.Wins);
        Assert.Equal(before.Losses, after.Losses);
    }

    [Theory]
    [InlineData("100", "100", "0")]
    [InlineData("100", "75", "0.25")]
    [InlineData("100", "120", "0")]
    [InlineData("0", "-10", "0")]
    [InlineData("-5", "-10", "0")]
    public void Drawdown_is_a_non_negative_fraction_of_a_positive_peak(string peak, string equity, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(decimal.Parse(expected, inv), Performance.Drawdown(decimal.Parse(peak, inv), decimal.Parse(equity, inv)));
    }
}
