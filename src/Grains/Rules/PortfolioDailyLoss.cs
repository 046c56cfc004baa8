namespace OrleansTrading.Grains.Rules;

/// <summary>
/// The portfolio's loss today: the sum of the accounts' daily losses (gains of one offset losses of another) against
/// their combined starting equity. When it reaches <c>Portfolio:DailyLossPercent</c> the kill-switch goes to reduceOnly.
/// An account whose figures are from an earlier trading day has not moved today: it counts with its equity as its start.
/// </summary>
public static class PortfolioDailyLoss
{
    public static PortfolioDay Of(IEnumerable<AccountDay> accounts, TradingDay day)
    {
        decimal start = 0m, equity = 0m;
        foreach (var account in accounts)
        {
            start += account.TradingDayStart == day.Start ? account.DayStartEquity : account.Equity;
            equity += account.Equity;
        }

        return new PortfolioDay(start, equity, DailyLossLimit.LossPercent(start, equity));
    }

    /// <summary>A loss exactly at the limit has reached it.</summary>
    public static bool IsReached(PortfolioDay day, decimal limitPercent) => day.StartEquity > 0 && day.LossPercent >= limitPercent;

    /// <summary>The kill-switch reason: "portfolio daily loss 3.1 % ≥ 3 % limit (Portfolio:DailyLossPercent); ...".</summary>
    public static string Describe(PortfolioDay day, decimal limitPercent) =>
        $"portfolio daily loss {LimitText.Percent(day.LossPercent)} ≥ {LimitText.Percent(limitPercent)} limit (Portfolio:DailyLossPercent); " +
        "set to reduceOnly automatically: exits only until an operator sets it back to active";
}

/// <summary>One account's trading day as the portfolio sees it.</summary>
public sealed record AccountDay(DateTimeOffset TradingDayStart, decimal DayStartEquity, decimal Equity);

/// <summary>Every account together today: combined starting equity, equity now, and the loss in percent of the start.</summary>
public sealed record PortfolioDay(decimal StartEquity, decimal Equity, decimal LossPercent)
{
    public decimal Loss => Math.Max(0m, StartEquity - Equity);
}
