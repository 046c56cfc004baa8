using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Rules;

/// <summary>The per-account limits in force for one account: its overrides where it has them, the defaults elsewhere.</summary>
public sealed record EffectiveLimits(
    decimal MaxNotionalPerOrder,
    decimal? MaxQuantityPerOrder,
    int MaxSignalsPerMinute,
    decimal DailyLossPercent,
    bool FlattenOnDailyLoss,
    decimal MaxDrawdownPercent,
    int StopLossGuardCount,
    TimeSpan StopLossGuardWindow,
    TimeSpan StopLossGuardLockFor)
{
    public static EffectiveLimits Resolve(LimitsOptions defaults, LimitOverrides? overrides)
    {
        var o = overrides ?? LimitOverrides.None;
        return new(
            o.MaxNotionalPerOrder ?? defaults.MaxNotionalPerOrder,
            o.MaxQuantityPerOrder ?? defaults.MaxQuantityPerOrder,
            o.MaxSignalsPerMinute ?? defaults.MaxSignalsPerMinute,
            o.DailyLossPercent ?? defaults.DailyLossPercent,
            o.FlattenOnDailyLoss ?? defaults.FlattenOnDailyLoss,
            o.MaxDrawdownPercent ?? defaults.MaxDrawdownPercent,
            o.StopLossGuardCount ?? defaults.StopLossGuard.Count,
            o.StopLossGuardWindow ?? defaults.StopLossGuard.Window,
            o.StopLossGuardLockFor ?? defaults.StopLossGuard.LockFor);
    }

    /// <summary>The effective values with their source, as the API shows them.</summary>
    public static AccountLimitSettings Describe(LimitsOptions defaults, LimitOverrides? overrides)
    {
        var o = overrides ?? LimitOverrides.None;
        var e = Resolve(defaults, o);
        LimitValue<T> Of<T>(T value, LimitName name) => new(value, o.Has(name) ? LimitSource.Override : LimitSource.Default);
        return new(
            Of(e.MaxNotionalPerOrder, LimitName.MaxNotionalPerOrder),
            Of(e.MaxQuantityPerOrder, LimitName.MaxQuantityPerOrder),
            Of(e.MaxSignalsPerMinute, LimitName.MaxSignalsPerMinute),
            Of(e.DailyLossPercent, LimitName.DailyLossPercent),
            Of(e.FlattenOnDailyLoss, LimitName.FlattenOnDailyLoss),
            Of(e.MaxDrawdownPercent, LimitName.MaxDrawdownPercent),
            Of(e.StopLossGuardCount, LimitName.StopLossGuardCount),
            Of(e.StopLossGuardWindow, LimitName.StopLossGuardWindow),
            Of(e.StopLossGuardLockFor, LimitName.StopLossGuardLockFor));
    }
}
