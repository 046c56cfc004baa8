using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>A quote is usable when bid &gt; 0, ask ≥ bid, and sizes (when given) are not negative.</summary>
public static class QuoteValidator
{
    public static Dictionary<string, string[]> Validate(Quote quote)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SignalValidator.IsValidSymbol(quote.Symbol))
        {
            errors["symbol"] = ["symbol must be 1-16 characters of letters, digits, '.', '-' or '_'."];
        }

        if (quote.Bid <= 0)
        {
            errors["bid"] = ["bid must be greater than 0."];
        }

        if (quote.Ask < quote.Bid)
        {
            errors["ask"] = ["ask must be greater than or equal to bid."];
        }

        if (quote.BidSize is < 0)
        {
            errors["bidSize"] = ["bidSize must not be negative."];
        }

        if (quote.AskSize is < 0)
        {
            errors["askSize"] = ["askSize must not be negative."];
        }

        return errors;
    }
}
