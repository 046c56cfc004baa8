using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansTrading.Abstractions.Validation;

/// <summary>
/// The shape of every id and amount a caller may send, checked the same way by the HTTP API, the client and the
/// grains. Amount checks return the problem as a phrase ("must be greater than 0") for the caller to prefix with
/// its own field or option name, or null when the value is acceptable.
/// </summary>
public static partial class InputRules
{
    public const string AccountIdRule = "1-64 characters of letters, digits, '.', '-' or '_' (not '.' or '..')";
    public const string SymbolRule = "1-16 characters of letters, digits, '.', '-' or '_' (not '.' or '..')";
    public const string SignalIdRule = "1-128 visible ASCII characters (no spaces or control characters)";

    /// <summary>An account id; <c>\z</c>, not <c>$</c>, so a trailing newline is refused.</summary>
    public static bool IsAccountId(string? value) => value is not null && AccountIdPattern().IsMatch(value) && !IsDotSegment(value);

    /// <summary>A symbol as sent (case-insensitive; grains key it upper-case).</summary>
    public static bool IsSymbol(string? value) => value is not null && SymbolPattern().IsMatch(value) && !IsDotSegment(value);

    /// <summary>A signal id: printable, so it can be logged and shown as it is.</summary>
    public static bool IsSignalId(string? value) => value is not null && SignalIdPattern().IsMatch(value);

    public static string? QuantityProblem(decimal value) => AmountProblem(value, InputLimits.MaxQuantity);

    public static string? PriceProblem(decimal value) => AmountProblem(value, InputLimits.MaxPrice);

    public static string? InitialBalanceProblem(decimal value) => AmountProblem(value, InputLimits.MaxInitialBalance);

    /// <summary>A quote's size: zero is allowed (nothing available), negative is not.</summary>
    public static string? SizeProblem(decimal value) =>
        value < 0 ? "must not be negative" : LimitProblem(value, InputLimits.MaxQuantity);

    public static string? PercentProblem(decimal value) =>
        value is <= 0 or >= 100 ? "must be greater than 0 and less than 100" : null;

    /// <summary>Free text such as a kill-switch reason: bounded, and no control characters (it is logged).</summary>
    public static string? ReasonProblem(string? value) =>
        value is null ? null
        : value.Length > InputLimits.MaxReasonLength ? $"must be at most {InputLimits.MaxReasonLength} characters"
        : value.Any(char.IsControl) ? "must not contain control characters"
        : null;

    public static bool HasAtMostDecimalPlaces(decimal value, int places) => decimal.Round(value, places) == value;

    private static string? AmountProblem(decimal value, decimal max) =>
        value <= 0 ? "must be greater than 0" : LimitProblem(value, max);

    private static string? LimitProblem(decimal value, decimal max) =>
        value > max ? $"must be at most {max.ToString(CultureInfo.InvariantCulture)}"
        : !HasAtMostDecimalPlaces(value, InputLimits.MaxDecimalPlaces) ? $"must have at most {InputLimits.MaxDecimalPlaces} decimal places"
        : null;

    // "." and ".." are path segments: a URL naming them is normalised away, so such an account would be unreachable.
    private static bool IsDotSegment(string value) => value is "." or "..";

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,16}\z")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex(@"\A[\x21-\x7E]{1,128}\z")]
    private static partial Regex SignalIdPattern();
}
