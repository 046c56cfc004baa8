namespace OrleansTrading.Grains.Rules;

/// <summary>Applies closed trades and equity marks to an account's <see cref="PerformanceStats"/>.</summary>
public static class Performance
{
    /// <summary>
    /// Realizes one closed trade. A trade with PnL &lt; 0 is a loss; PnL &gt;= 0 is a win and resets the loss streak.
    /// The Nth consecutive loss starts a cooldown from <paramref name="closedAt"/> and restarts the count at 0.
    /// </summary>
    public static PerformanceStats ApplyClosedTrade(
        PerformanceStats stats, decimal pnl, DateTimeOffset closedAt, decimal remainingUnrealizedPnl,
        int cooldownAfterLosses, TimeSpan cooldownDuration) =>
        CountOutcome(Realize(stats, pnl, remainingUnrealizedPnl), pnl, closedAt, cooldownAfterLosses, cooldownDuration);

    /// <summary>Books realized PnL into the balance (every fill of an exit does this) and marks equity.</summary>
    public static PerformanceStats Realize(PerformanceStats stats, decimal pnl, decimal remainingUnrealizedPnl)
    {
        var realized = stats with { Balance = stats.Balance + pnl, RealizedPnl = stats.RealizedPnl + pnl };
        return Mark(realized, realized.Balance + remainingUnrealizedPnl);
    }

    /// <summary>
    /// Counts one finished trade as a win or a loss (once per position, however many fills closed it): a loss
    /// extends the streak, and the Nth consecutive loss starts a cooldown from <paramref name="closedAt"/> and resets the streak.
    /// </summary>
    public static PerformanceStats CountOutcome(PerformanceStats stats, decimal pnl, DateTimeOffset closedAt,
        int cooldownAfterLosses, TimeSpan cooldownDuration)
    {
        var isLoss = pnl < 0;
        var streak = isLoss ? stats.ConsecutiveLosses + 1 : 0;
        var cooldownUntil = stats.CooldownUntil;
        if (isLoss && streak >= cooldownAfterLosses)
        {
            cooldownUntil = closedAt + cooldownDuration;
            streak = 0;
        }

        return stats with
        {
            Wins = stats.Wins + (isLoss ? 0 : 1),
            Losses = stats.Losses + (isLoss ? 1 : 0),
            ConsecutiveLosses = streak,
            CooldownUntil = cooldownUntil,
        };
    }

    /// <summary>Raises the peak and the max drawdown for an equity observation.</summary>
    public static PerformanceStats Mark(PerformanceStats stats, decimal equity)
    {
        var peak = Math.Max(stats.PeakEquity, equity);
        return stats with { PeakEquity = peak, MaxDrawdown = Math.Max(stats.MaxDrawdown, Drawdown(peak, equity)) };
    }

    /// <summary>(peak − equity) / peak, never negative; 0 when there is no positive peak.</summary>
    public static decimal Drawdown(decimal peak, decimal equity) =>
        peak <= 0 ? 0m : Math.Max(0m, (peak - equity) / peak);
}
