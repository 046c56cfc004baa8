namespace OrleansTrading.Abstractions;

/// <summary>
/// The per-account limits, by name: each has a default in <c>Trading:Limits</c> and may be overridden per account.
/// The camelCase word (<c>maxNotionalPerOrder</c>, <c>stopLossGuardCount</c>) is the field name in the API and the client.
/// </summary>
[GenerateSerializer, Alias("trading.LimitName")]
public enum LimitName
{
    MaxNotionalPerOrder = 0,
    MaxQuantityPerOrder = 1,
    MaxSignalsPerMinute = 2,
    DailyLossPercent = 3,
    FlattenOnDailyLoss = 4,
    MaxDrawdownPercent = 5,

    /// <summary><c>Trading:Limits:StopLossGuard:Count</c>.</summary>
    StopLossGuardCount = 6,

    /// <summary><c>Trading:Limits:StopLossGuard:Window</c>.</summary>
    StopLossGuardWindow = 7,

    /// <summary><c>Trading:Limits:StopLossGuard:LockFor</c>.</summary>
    StopLossGuardLockFor = 8,
}
