namespace OrleansTrading.Abstractions;

/// <summary>Every per-account limit in force for one account, each with its source (default or override).</summary>
[GenerateSerializer, Immutable, Alias("trading.AccountLimitSettings")]
public sealed record AccountLimitSettings(
    [property: Id(0)] LimitValue<decimal> MaxNotionalPerOrder,
    [property: Id(1)] LimitValue<decimal?> MaxQuantityPerOrder,
    [property: Id(2)] LimitValue<int> MaxSignalsPerMinute,
    [property: Id(3)] LimitValue<decimal> DailyLossPercent,
    [property: Id(4)] LimitValue<bool> FlattenOnDailyLoss,
    [property: Id(5)] LimitValue<decimal> MaxDrawdownPercent,
    [property: Id(6)] LimitValue<int> StopLossGuardCount,
    [property: Id(7)] LimitValue<TimeSpan> StopLossGuardWindow,
    [property: Id(8)] LimitValue<TimeSpan> StopLossGuardLockFor);
