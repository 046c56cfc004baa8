namespace OrleansTrading.Abstractions;

/// <summary>
/// How much of its limits an account uses now: signals in the sliding minute, today's loss against the trading day's
/// starting equity, drawdown from the peak, recent stop-outs, and the locks in force. Percentages are in percent (5.2 = 5.2 %).
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.LimitUsage")]
public sealed record LimitUsage(
    [property: Id(0)] int SignalsThisMinute,
    [property: Id(1)] DateTimeOffset TradingDayStart,
    [property: Id(2)] DateTimeOffset TradingDayEnd,
    [property: Id(3)] decimal DayStartEquity,
    [property: Id(4)] decimal Equity,
    [property: Id(5)] decimal TodayLoss,
    [property: Id(6)] decimal TodayLossPercent,
    [property: Id(7)] decimal PeakEquity,
    [property: Id(8)] decimal DrawdownPercent,
    [property: Id(9)] IReadOnlyList<StopOutRecord> RecentStopOuts,
    [property: Id(10)] IReadOnlyList<LimitLock> Locks);
