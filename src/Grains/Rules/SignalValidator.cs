using System.Text.RegularExpressions;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>Shape checks on a signal, before any rule looks at it. Returns field → problems; empty means valid.</summary>
public static partial class SignalValidator
{
    public const int MaxSignalIdLength = 128;

    public static Dictionary<string, string[]> Validate(TradeSignal signal)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(signal.SignalId))
        {
            errors["signalId"] = ["signalId is required."];
        }
        else if (signal.SignalId.Length > MaxSignalIdLength)
        {
            errors["signalId"] = [$"signalId must be at most {MaxSignalIdLength} characters."];
        }

        if (!IsValidSymbol(signal.Symbol))
        {
            errors["symbol"] = ["symbol must be 1-16 characters of letters, digits, '.', '-' or '_'."];
        }

        if (signal.Quantity <= 0)
        {
            errors["quantity"] = ["quantity must be greater than 0."];
        }

        if (signal.StopLossPercent is { } stop && stop is <= 0 or >= 100)
        {
            errors["stopLossPercent"] = ["stopLossPercent must be greater than 0 and less than 100."];
        }

        if (signal.TrailingStopPercent is { } trail && trail is <= 0 or >= 100)
        {
            errors["trailingStopPercent"] = ["trailingStopPercent must be greater than 0 and less than 100."];
        }

        if (!Enum.IsDefined(signal.Side))
        {
            errors["side"] = ["side must be buy or sell."];
        }

        if (!Enum.IsDefined(signal.Action))
        {
            errors["action"] = ["action must be open or close."];
        }

        return errors;
    }

    public static bool IsValidSymbol(string? symbol) => symbol is not null && SymbolPattern().IsMatch(symbol);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,16}$")]
    private static partial Regex SymbolPattern();
}
