using System.Globalization;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Json;

namespace OrleansTrading.Dashboard.Presentation;

/// <summary>How numbers, times and codes look on the page: fixed decimals, invariant culture, the API's camelCase codes.</summary>
public static class Format
{
    public static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string SignedMoney(decimal value) => value.ToString("+#,##0.00;-#,##0.00;0.00", CultureInfo.InvariantCulture);

    public static string Price(decimal? value) => value is { } v ? v.ToString("#,##0.00##", CultureInfo.InvariantCulture) : "-";

    public static string Quantity(decimal value) => value.ToString("#,##0.########", CultureInfo.InvariantCulture);

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + " %" : "-";

    public static string Code<T>(T value)
        where T : struct, Enum => WireName.Of(value);

    public static string Time(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "-";

    /// <summary>What remains of a cooldown, as m:ss; null when the account is not cooling down.</summary>
    public static string? Countdown(DateTimeOffset? until, DateTimeOffset now) =>
        until is { } u && u > now ? $"{(int)(u - now).TotalMinutes}:{(u - now).Seconds:00}" : null;

    /// <summary>Win rate over decided round trips, in percent; null before the first one.</summary>
    public static decimal? WinRate(AccountSnapshot account) =>
        account.Wins + account.Losses == 0 ? null : 100m * account.Wins / (account.Wins + account.Losses);

    /// <summary>
    /// How far the price may still move against a position before its stop fires, in % of the current price;
    /// negative when the stop is already crossed. Null without a current price.
    /// </summary>
    public static decimal? StopDistancePercent(PositionSnapshot position)
    {
        if (position.CurrentPrice is not { } price || price == 0)
        {
            return null;
        }

        var room = position.Side == PositionSide.Long ? price - position.StopLossPrice : position.StopLossPrice - price;
        return Math.Round(100m * room / price, 4);
    }

    /// <summary>A reason code as a person says it: "daily loss limit" for <c>dailyLossLimit</c>.</summary>
    public static string ReasonWords(RejectionReason reason) => reason switch
    {
        RejectionReason.KillSwitch => "kill-switch",
        RejectionReason.OutsideTradingWindow => "outside the trading window",
        RejectionReason.Cooldown => "cooling down after losses",
        RejectionReason.SymbolLocked => "holds another symbol or side",
        RejectionReason.MaxOpenPositions => "too many open positions",
        RejectionReason.NoQuote => "no quote",
        RejectionReason.StaleQuote => "stale quote",
        RejectionReason.SpreadTooWide => "spread too wide",
        RejectionReason.InsufficientFunds => "insufficient funds",
        RejectionReason.SlippageExceeded => "slippage beyond the limit",
        RejectionReason.NoOpenPosition => "nothing open to close",
        RejectionReason.AccountNotFound => "unknown account",
        RejectionReason.VenueRejected => "refused by the venue",
        RejectionReason.OrderTooLarge => "order too large",
        RejectionReason.RateLimited => "too many signals per minute",
        RejectionReason.DailyLossLimit => "daily loss limit",
        RejectionReason.MaxDrawdown => "drawdown halt",
        RejectionReason.StopLossGuard => "symbol locked after stop-outs",
        RejectionReason.PortfolioExposure => "portfolio exposure limit",
        _ => Code(reason),
    };

    /// <summary>A limit blocking an account now, in a few words: "daily loss limit until 14:30:00Z", "AAPL locked after stop-outs".</summary>
    public static string LockWords(LimitLock held, Func<DateTimeOffset?, string> time) => held.Reason switch
    {
        RejectionReason.MaxDrawdown => "drawdown halt until reset",
        RejectionReason.StopLossGuard => $"{held.Symbol} locked after stop-outs until {time(held.Until)}",
        _ => $"{ReasonWords(held.Reason)} until {time(held.Until)}",
    };

    /// <summary>How much of a limit is used, in percent of the limit, for a progress bar: 0-100.</summary>
    public static double UsedPercent(decimal used, decimal limit) =>
        limit <= 0 ? 0 : (double)Math.Clamp(used / limit * 100m, 0m, 100m);

    /// <summary>The rejection in plain words: the engine's own detail, prefixed by its reason code.</summary>
    public static string Outcome(DecisionRecord decision) =>
        decision.Status == SignalStatus.Accepted
            ? $"accepted{(decision.FilledQuantity is { } q ? $" {Quantity(q)}" : "")}{(decision.AveragePrice is { } p ? $" @ {Price(p)}" : "")}"
            : $"{(decision.Reason is { } r ? Code(r) : "rejected")}: {decision.Detail}";
}
