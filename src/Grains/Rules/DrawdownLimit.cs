using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// <c>maxDrawdown</c>: equity fell from its peak by <c>MaxDrawdownPercent</c> of the peak. Once reached, entries stay
/// blocked until an operator resets the account (the peak then starts again from the equity of that moment).
/// </summary>
public static class DrawdownLimit
{
    /// <summary>(peak − equity) / peak × 100 with the peak raised to the equity if higher; never negative.</summary>
    public static decimal DrawdownPercent(decimal peakEquity, decimal equity) =>
        Performance.Drawdown(Math.Max(peakEquity, equity), equity) * 100m;

    /// <summary>A drawdown exactly at the limit has reached it.</summary>
    public static DrawdownHalt? HaltIfReached(AccountRisk risk, DateTimeOffset now)
    {
        var drawdown = DrawdownPercent(risk.PeakEquity, risk.Equity);
        return drawdown >= risk.Limits.MaxDrawdownPercent ? new DrawdownHalt(now, drawdown) : null;
    }

    public static Denial? Check(AccountRisk risk, DateTimeOffset now)
    {
        var reached = HaltIfReached(risk, now);
        if (risk.DrawdownHalt is null && reached is null)
        {
            return null;
        }

        var drawdown = Math.Max(risk.DrawdownHalt?.DrawdownPercent ?? 0m, reached?.DrawdownPercent ?? 0m);
        return new(RejectionReason.MaxDrawdown, Describe(drawdown, risk.Limits.MaxDrawdownPercent));
    }

    /// <summary>"drawdown 21.3 % ≥ 20 % limit; entries blocked until an operator resets the account".</summary>
    public static string Describe(decimal drawdownPercent, decimal limitPercent) =>
        $"drawdown {LimitText.Percent(drawdownPercent)} ≥ {LimitText.Percent(limitPercent)} limit; entries blocked until an operator resets the account";
}
