using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// Shape checks on a signal, before any rule looks at it, with the shared <see cref="InputRules"/>. Returns
/// field → problems; empty means valid. The HTTP API reports these per field; the grain refuses with them.
/// </summary>
public static class SignalValidator
{
    public const int MaxSignalIdLength = InputLimits.MaxSignalIdLength;

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
        else if (!InputRules.IsSignalId(signal.SignalId))
        {
            errors["signalId"] = [$"signalId must be {InputRules.SignalIdRule}."];
        }

        if (!InputRules.IsSymbol(signal.Symbol))
        {
            errors["symbol"] = [$"symbol must be {InputRules.SymbolRule}."];
        }

        ValidationErrors.Add(errors, "quantity", InputRules.QuantityProblem(signal.Quantity));
        ValidationErrors.Add(errors, "stopLossPercent", signal.StopLossPercent is { } stop ? InputRules.PercentProblem(stop) : null);
        ValidationErrors.Add(errors, "trailingStopPercent", signal.TrailingStopPercent is { } trail ? InputRules.PercentProblem(trail) : null);

        if (!Enum.IsDefined(signal.Side))
        {
            errors["side"] = [$"side must be {EnumWords.Describe<OrderSide>()}."];
        }

        if (!Enum.IsDefined(signal.Action))
        {
            errors["action"] = [$"action must be {EnumWords.Describe<SignalAction>()}."];
        }

        return errors;
    }
}
