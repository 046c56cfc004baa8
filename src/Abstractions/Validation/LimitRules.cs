using System.Globalization;

namespace OrleansTrading.Abstractions.Validation;

/// <summary>
/// The accepted range of every limit, shared by the start-up validation of <c>Trading:Limits</c>, the HTTP API, the
/// client and the account grain. Each check returns the problem as a phrase for the caller to prefix with its own field
/// or setting name, or null when the value is acceptable.
/// </summary>
public static class LimitRules
{
    public const int MaxSignalsPerMinute = 1_000_000;
    public const int MaxStopLossGuardCount = 1_000;

    /// <summary>The longest stop-loss guard window or lock: a week.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>A notional (per order, per symbol, in total): positive and at most quantity cap × price cap.</summary>
    public static string? NotionalProblem(decimal value) =>
        value <= 0 ? "must be greater than 0"
        : value > InputLimits.MaxNotional ? $"must be at most {InputLimits.MaxNotional.ToString(CultureInfo.InvariantCulture)}"
        : DecimalPlacesProblem(value);

    public static string? QuantityProblem(decimal value) => InputRules.QuantityProblem(value);

    public static string? SignalsPerMinuteProblem(int value) =>
        value is < 1 or > MaxSignalsPerMinute ? $"must be between 1 and {MaxSignalsPerMinute}" : null;

    /// <summary>A loss or drawdown limit in percent: 100 means the whole starting equity.</summary>
    public static string? PercentProblem(decimal value) =>
        value is <= 0 or > 100 ? "must be greater than 0 and at most 100" : DecimalPlacesProblem(value);

    public static string? CountProblem(int value) =>
        value is < 1 or > MaxStopLossGuardCount ? $"must be between 1 and {MaxStopLossGuardCount}" : null;

    public static string? DurationProblem(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1) || value > MaxDuration ? "must be between 00:00:01 and 7.00:00:00" : null;

    /// <summary>
    /// Every problem of a partial change, by the limit's API field name (<c>maxNotionalPerOrder</c>): values out of range,
    /// a limit both set and restored, and a change that names no limit at all.
    /// </summary>
    public static Dictionary<string, string[]> Validate(LimitsChange? change)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (change?.Set is null || change.Restore is null)
        {
            errors["body"] = ["A change naming at least one limit is required."];
            return errors;
        }

        var set = change.Set;
        void Check<T>(LimitName name, T? value, Func<T, string?> problem)
            where T : struct
        {
            if (value is { } v && problem(v) is { } p)
            {
                errors[Field(name)] = [$"{Field(name)} {p}."];
            }
        }

        Check(LimitName.MaxNotionalPerOrder, set.MaxNotionalPerOrder, NotionalProblem);
        Check(LimitName.MaxQuantityPerOrder, set.MaxQuantityPerOrder, QuantityProblem);
        Check(LimitName.MaxSignalsPerMinute, set.MaxSignalsPerMinute, SignalsPerMinuteProblem);
        Check(LimitName.DailyLossPercent, set.DailyLossPercent, PercentProblem);
        Check(LimitName.MaxDrawdownPercent, set.MaxDrawdownPercent, PercentProblem);
        Check(LimitName.StopLossGuardCount, set.StopLossGuardCount, CountProblem);
        Check(LimitName.StopLossGuardWindow, set.StopLossGuardWindow, DurationProblem);
        Check(LimitName.StopLossGuardLockFor, set.StopLossGuardLockFor, DurationProblem);
        foreach (var name in change.Restore)
        {
            if (!Enum.IsDefined(name))
            {
                errors["restore"] = [$"restore names an unknown limit: use {EnumWords.Describe<LimitName>()}."];
            }
            else if (set.Has(name))
            {
                errors[Field(name)] = [$"{Field(name)} is both set and restored to its default: send one or the other."];
            }
        }

        if (errors.Count == 0 && change.IsEmpty)
        {
            errors["body"] = [$"Name at least one limit to change ({EnumWords.Describe<LimitName>()}); null restores its default."];
        }

        return errors;
    }

    /// <summary>The API field name of a limit: <c>maxNotionalPerOrder</c>.</summary>
    public static string Field(LimitName name) => EnumWords.Word(name);

    private static string? DecimalPlacesProblem(decimal value) =>
        InputRules.HasAtMostDecimalPlaces(value, InputLimits.MaxDecimalPlaces) ? null : $"must have at most {InputLimits.MaxDecimalPlaces} decimal places";
}
