using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// <c>dailyLossLimit</c>: the loss since the trading day started (realized plus unrealized: the fall of equity from the
/// day's starting equity) reached <c>DailyLossPercent</c> of that starting equity. Once reached, entries stay blocked
/// until the next trading day, even if equity recovers.
/// </summary>
public static class DailyLossLimit
{
    /// <summary>(start − equity) / start × 100, never negative; 0 without a positive starting equity.</summary>
    public static decimal LossPercent(decimal dayStartEquity, decimal equity) =>
        dayStartEquity <= 0 ? 0m : Math.Max(0m, (dayStartEquity - equity) / dayStartEquity * 100m);

    /// <summary>A loss exactly at the limit has reached it.</summary>
    public static bool IsReached(decimal lossPercent, decimal limitPercent) => lossPercent >= limitPercent;

    /// <summary>The lock that starts now if the loss reached the limit; null if it did not.</summary>
    public static DailyLossLock? LockIfReached(AccountRisk risk)
    {
        var loss = LossPercent(risk.DayStartEquity, risk.Equity);
        return IsReached(loss, risk.Limits.DailyLossPercent) ? new DailyLossLock(risk.Day.End, loss) : null;
    }

    public static Denial? Check(AccountRisk risk, DateTimeOffset now)
    {
        var lockInForce = risk.DailyLossLock is { } held && now < held.Until ? held : null;
        var reached = LockIfReached(risk);
        if (lockInForce is null && reached is null)
        {
            return null;
        }

        var until = lockInForce?.Until ?? reached!.Until;
        var loss = Math.Max(lockInForce?.LossPercent ?? 0m, reached?.LossPercent ?? 0m);
        return new(RejectionReason.DailyLossLimit, Describe(loss, risk.Limits.DailyLossPercent, until, risk.ExchangeTimeZone));
    }

    /// <summary>"daily loss 5.2 % ≥ 5 % limit; entries blocked until 2026-12-02 09:30 America/New_York".</summary>
    public static string Describe(decimal lossPercent, decimal limitPercent, DateTimeOffset until, string zoneId) =>
        $"daily loss {LimitText.Percent(lossPercent)} ≥ {LimitText.Percent(limitPercent)} limit; entries blocked until {LimitText.ExchangeTime(until, zoneId)}";
}
