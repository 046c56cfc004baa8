using System.Text.RegularExpressions;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Silo.Api;

/// <summary>Turns request bodies into engine types, collecting every problem by field name.</summary>
public static partial class RequestParsing
{
    public static Dictionary<string, string[]> ValidateAccount(CreateAccountRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON body {\"accountId\",\"initialBalance\"} is required."];
            return errors;
        }

        if (!IsValidAccountId(request.AccountId))
        {
            errors["accountId"] = ["accountId must be 1-64 characters of letters, digits, '.', '-' or '_'."];
        }

        if (request.InitialBalance is not > 0)
        {
            errors["initialBalance"] = ["initialBalance is required and must be greater than 0."];
        }

        return errors;
    }

    public static bool IsValidAccountId(string? accountId) => accountId is not null && AccountIdPattern().IsMatch(accountId);

    public static (TradeSignal? Signal, Dictionary<string, string[]> Errors) ParseSignal(SubmitSignalRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON signal body is required."];
            return (null, errors);
        }

        var side = ParseEnum<OrderSide>(request.Side, "side", "buy or sell", errors);
        var action = ParseEnum<SignalAction>(request.Action, "action", "open or close", errors);
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

    public static T? ParseEnum<T>(string? value, string field, string allowed, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        // Only names are accepted ("buy", "reduceOnly"), never numbers: scripts must say what they mean.
        if (!string.IsNullOrWhiteSpace(value) && !char.IsAsciiDigit(value.Trim()[0]) && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        errors[field] = [value is null ? $"{field} is required ({allowed})." : $"{field} '{value}' is not valid: use {allowed}."];
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AccountIdPattern();
}
