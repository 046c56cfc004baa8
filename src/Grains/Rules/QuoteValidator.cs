using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// A quote's own shape: a valid symbol, bid &gt; 0, ask ≥ bid, prices within the hard cap with at most eight
/// decimals, sizes (when given) not negative. Checks against the clock and the previous quote are
/// <see cref="QuoteEdgeChecks"/>.
/// </summary>
public static class QuoteValidator
{
    public static Dictionary<string, string[]> Validate(Quote quote)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!InputRules.IsSymbol(quote.Symbol))
        {
            errors["symbol"] = [$"symbol must be {InputRules.SymbolRule}."];
        }

        ValidationErrors.Add(errors, "bid", InputRules.PriceProblem(quote.Bid));
        if (quote.Ask < quote.Bid)
        {
            errors["ask"] = ["ask must be greater than or equal to bid."];
        }
        else
        {
            ValidationErrors.Add(errors, "ask", InputRules.PriceProblem(quote.Ask));
        }

        ValidationErrors.Add(errors, "bidSize", quote.BidSize is { } bidSize ? InputRules.SizeProblem(bidSize) : null);
        ValidationErrors.Add(errors, "askSize", quote.AskSize is { } askSize ? InputRules.SizeProblem(askSize) : null);
        return errors;
    }
}
