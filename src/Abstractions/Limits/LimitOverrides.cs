namespace OrleansTrading.Abstractions;

/// <summary>An account's own values for some limits; null means the <c>Trading:Limits</c> default applies.</summary>
[GenerateSerializer, Immutable, Alias("trading.LimitOverrides")]
public sealed record LimitOverrides(
    [property: Id(0)] decimal? MaxNotionalPerOrder = null,
    [property: Id(1)] decimal? MaxQuantityPerOrder = null,
    [property: Id(2)] int? MaxSignalsPerMinute = null,
    [property: Id(3)] decimal? DailyLossPercent = null,
    [property: Id(4)] bool? FlattenOnDailyLoss = null,
    [property: Id(5)] decimal? MaxDrawdownPercent = null,
    [property: Id(6)] int? StopLossGuardCount = null,
    [property: Id(7)] TimeSpan? StopLossGuardWindow = null,
    [property: Id(8)] TimeSpan? StopLossGuardLockFor = null)
{
    public static LimitOverrides None { get; } = new();

    /// <summary>Whether <paramref name="name"/> has a value here.</summary>
    public bool Has(LimitName name) => name switch
    {
        LimitName.MaxNotionalPerOrder => MaxNotionalPerOrder is not null,
        LimitName.MaxQuantityPerOrder => MaxQuantityPerOrder is not null,
        LimitName.MaxSignalsPerMinute => MaxSignalsPerMinute is not null,
        LimitName.DailyLossPercent => DailyLossPercent is not null,
        LimitName.FlattenOnDailyLoss => FlattenOnDailyLoss is not null,
        LimitName.MaxDrawdownPercent => MaxDrawdownPercent is not null,
        LimitName.StopLossGuardCount => StopLossGuardCount is not null,
        LimitName.StopLossGuardWindow => StopLossGuardWindow is not null,
        LimitName.StopLossGuardLockFor => StopLossGuardLockFor is not null,
        _ => false,
    };

    /// <summary>These overrides with every value of <paramref name="change"/> applied: set ones replaced, restored ones cleared.</summary>
    public LimitOverrides Apply(LimitsChange change)
    {
        var set = change.Set;
        var next = this with
        {
            MaxNotionalPerOrder = set.MaxNotionalPerOrder ?? MaxNotionalPerOrder,
            MaxQuantityPerOrder = set.MaxQuantityPerOrder ?? MaxQuantityPerOrder,
            MaxSignalsPerMinute = set.MaxSignalsPerMinute ?? MaxSignalsPerMinute,
            DailyLossPercent = set.DailyLossPercent ?? DailyLossPercent,
            FlattenOnDailyLoss = set.FlattenOnDailyLoss ?? FlattenOnDailyLoss,
            MaxDrawdownPercent = set.MaxDrawdownPercent ?? MaxDrawdownPercent,
            StopLossGuardCount = set.StopLossGuardCount ?? StopLossGuardCount,
            StopLossGuardWindow = set.StopLossGuardWindow ?? StopLossGuardWindow,
            StopLossGuardLockFor = set.StopLossGuardLockFor ?? StopLossGuardLockFor,
        };
        foreach (var name in change.Restore)
        {
            next = name switch
            {
                LimitName.MaxNotionalPerOrder => next with { MaxNotionalPerOrder = null },
                LimitName.MaxQuantityPerOrder => next with { MaxQuantityPerOrder = null },
                LimitName.MaxSignalsPerMinute => next with { MaxSignalsPerMinute = null },
                LimitName.DailyLossPercent => next with { DailyLossPercent = null },
                LimitName.FlattenOnDailyLoss => next with { FlattenOnDailyLoss = null },
                LimitName.MaxDrawdownPercent => next with { MaxDrawdownPercent = null },
                LimitName.StopLossGuardCount => next with { StopLossGuardCount = null },
                LimitName.StopLossGuardWindow => next with { StopLossGuardWindow = null },
                LimitName.StopLossGuardLockFor => next with { StopLossGuardLockFor = null },
                _ => next,
            };
        }

        return next;
    }
}
