namespace OrleansTrading.Abstractions;

/// <summary>
/// Every account together: equity and PnL, today's loss against the combined starting equity and the portfolio's
/// daily loss limit (which sets the kill-switch to reduceOnly), and the gross exposure per symbol and in total against
/// their limits. Percentages are in percent.
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.PortfolioSummary")]
public sealed record PortfolioSummary(
    [property: Id(0)] int Accounts,
    [property: Id(1)] decimal Equity,
    [property: Id(2)] decimal RealizedPnl,
    [property: Id(3)] decimal UnrealizedPnl,
    [property: Id(4)] DateTimeOffset TradingDayStart,
    [property: Id(5)] DateTimeOffset TradingDayEnd,
    [property: Id(6)] decimal DayStartEquity,
    [property: Id(7)] decimal TodayLoss,
    [property: Id(8)] decimal TodayLossPercent,
    [property: Id(9)] decimal DailyLossLimitPercent,
    [property: Id(10)] bool KillSwitchTrippedToday,
    [property: Id(11)] IReadOnlyList<SymbolExposure> Symbols,
    [property: Id(12)] decimal GrossExposure,
    [property: Id(13)] decimal MaxGrossExposure,
    [property: Id(14)] decimal MaxExposurePerSymbol,
    [property: Id(15)] DateTimeOffset AsOf);
