using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Tests.Validation;

public sealed class LimitRulesTests
{
    [Fact]
    public void A_change_of_valid_values_and_restores_has_no_problem()
    {
        var change = new LimitsChange(new LimitOverrides(MaxNotionalPerOrder: 50_000m, DailyLossPercent: 100m, FlattenOnDailyLoss: true,
            StopLossGuardWindow: TimeSpan.FromSeconds(1)), [LimitName.MaxDrawdownPercent]);
        Assert.Empty(LimitRules.Validate(change));
    }

    [Fact]
    public void Every_bad_value_is_named_by_its_api_field()
    {
        var change = new LimitsChange(new LimitOverrides(
            MaxNotionalPerOrder: 0m,
            MaxQuantityPerOrder: 0.000000001m,
            MaxSignalsPerMinute: 1_000_001,
            DailyLossPercent: 100.5m,
            MaxDrawdownPercent: -1m,
            StopLossGuardCount: 0,
            StopLossGuardWindow: TimeSpan.FromMilliseconds(999),
            StopLossGuardLockFor: TimeSpan.FromDays(7) + TimeSpan.FromTicks(1)), []);

        var errors = LimitRules.Validate(change);

        Assert.Equal(
            ["dailyLossPercent", "maxDrawdownPercent", "maxNotionalPerOrder", "maxQuantityPerOrder", "maxSignalsPerMinute",
             "stopLossGuardCount", "stopLossGuardLockFor", "stopLossGuardWindow"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, e => Assert.StartsWith(errors.First(x => x.Value == e).Key + " ", e[0], StringComparison.Ordinal));
    }

    [Fact]
    public void A_limit_both_set_and_restored_is_refused()
    {
        var errors = LimitRules.Validate(new LimitsChange(new LimitOverrides(MaxSignalsPerMinute: 10), [LimitName.MaxSignalsPerMinute]));
        Assert.Contains("maxSignalsPerMinute", errors.Keys);
    }

    [Fact]
    public void A_change_naming_no_limit_is_refused()
    {
        Assert.Contains("body", LimitRules.Validate(new LimitsChange(LimitOverrides.None, [])).Keys);
        Assert.Contains("body", LimitRules.Validate(null).Keys);
    }

    [Fact]
    public void Applying_a_change_sets_restores_and_keeps_the_rest()
    {
        var before = new LimitOverrides(MaxNotionalPerOrder: 1_000m, DailyLossPercent: 2m, StopLossGuardCount: 2);
        var after = before.Apply(new LimitsChange(new LimitOverrides(MaxQuantityPerOrder: 5m), [LimitName.DailyLossPercent]));
        Assert.Equal(new LimitOverrides(MaxNotionalPerOrder: 1_000m, MaxQuantityPerOrder: 5m, StopLossGuardCount: 2), after);
    }
}
