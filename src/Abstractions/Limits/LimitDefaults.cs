namespace OrleansTrading.Abstractions;

/// <summary>The <c>Trading:Limits</c> settings the engine runs with: every account's defaults and the portfolio's limits.</summary>
[GenerateSerializer, Immutable, Alias("trading.LimitDefaults")]
public sealed record LimitDefaults(
    [property: Id(0)] decimal MaxNotionalPerOrder,
    [property: Id(1)] decimal? MaxQuantityPerOrder,
    [property: Id(2)] int MaxSignalsPerMinute,
    [property: Id(3)] decimal DailyLossPercent,
    [property: Id(4)] bool FlattenOnDailyLoss,
    [property: Id(5)] decimal MaxDrawdownPercent,
    [property: Id(6)] int StopLossGuardCount,
    [property: Id(7)] TimeSpan StopLossGuardWindow,
    [property: Id(8)] TimeSpan StopLossGuardLockFor,
    [property: Id(9)] decimal PortfolioMaxExposurePerSymbol,
    [property: Id(10)] decimal PortfolioMaxGrossExposure,
    [property: Id(11)] decimal PortfolioDailyLossPercent);
