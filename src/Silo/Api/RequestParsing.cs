using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// Turns request bodies into engine types, collecting every problem by field name with the shared
/// <see cref="InputRules"/>, so the API refuses exactly what the client and the grains refuse.
/// </summary>
public static class RequestParsing
{
    public static Dictionary<string, string[]> ValidateAccount(CreateAccountRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body {\"accountId\",\"initialBalance\"} is required."];
            return errors;
        }

        if (!InputRules.IsAccountId(request.AccountId))
        {
            errors["accountId"] = [$"accountId must be {InputRules.AccountIdRule}."];
        }

        if (request.InitialBalance is not { } balance)
        {
            errors["initialBalance"] = ["initialBalance is required and must be greater than 0."];
        }
        else
        {
            ValidationErrors.Add(errors, "initialBalance", InputRules.InitialBalanceProblem(balance));
        }

        return errors;
    }

    public static bool IsValidAccountId(string? accountId) => InputRules.IsAccountId(accountId);

    public static (TradeSignal? Signal, Dictionary<string, string[]> Errors) ParseSignal(SubmitSignalRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON signal body is required."];
            return (null, errors);
        }

        var side = ParseEnum<OrderSide>(request.Side, "side", errors);
        var action = ParseEnum<SignalAction>(request.Action, "action", errors);
        if (request.Quantity is null)
        {
            errors["quantity"] = ["quantity is required."];
        }

        var signal = new TradeSignal(request.SignalId ?? "", request.Symbol ?? "", side ?? OrderSide.Buy, request.Quantity ?? 0m,
            action ?? SignalAction.Open, request.StopLossPercent, request.TrailingStopPercent);
        foreach (var (field, problems) in SignalValidator.Validate(signal))
        {
            errors.TryAdd(field, problems);
        }

        return errors.Count == 0 ? (signal, errors) : (null, errors);
    }

    public static (Quote? Quote, Dictionary<string, string[]> Errors) ParseQuote(string symbol, PublishQuoteRequest? request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body {\"bid\",\"ask\",\"timestamp\"?} is required."];
            return (null, errors);
        }

        if (request.Bid is null)
        {
            errors["bid"] = ["bid is required."];
        }

        if (request.Ask is null)
        {
            errors["ask"] = ["ask is required."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var quote = new Quote(symbol, request.Bid!.Value, request.Ask!.Value, request.Timestamp ?? now, request.BidSize, request.AskSize);
        errors = QuoteValidator.Validate(quote);
        return errors.Count == 0 ? (quote with { Symbol = GrainKeys.Symbol(symbol) }, errors) : (null, errors);
    }

    /// <summary>The kill-switch body: a state word and an optional reason without control characters.</summary>
    public static (KillSwitchState? State, Dictionary<string, string[]> Errors) ParseKillSwitch(SetKillSwitchRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var state = ParseEnum<KillSwitchState>(request?.State, "state", errors);
        ValidationErrors.Add(errors, "reason", InputRules.ReasonProblem(request?.Reason));
        return (errors.Count == 0 ? state : null, errors);
    }

    /// <summary>An enum from its word only (see <see cref="EnumWords"/>): never a number or a flag combination.</summary>
    public static T? ParseEnum<T>(string? value, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (EnumWords.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        var allowed = EnumWords.Describe<T>();
        errors[field] = [value is null ? $"{field} is required ({allowed})." : $"{field} '{value}' is not valid: use {allowed}."];
        return null;
    }
}
