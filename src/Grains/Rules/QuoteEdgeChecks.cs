using System.Globalization;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// Checks a well-formed quote against the trading clock, the configured price cap and the symbol's previous quote,
/// before it may replace that quote. An absurd price or a replayed timestamp would otherwise trigger stops and
/// price exits. Returns field → problems; empty means the quote may be taken.
/// </summary>
public static class QuoteEdgeChecks
{
    public static Dictionary<string, string[]> Validate(Quote quote, Quote? previous, DateTimeOffset now, QuoteOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (quote.Timestamp > now + options.MaxFutureSkew)
        {
            errors["timestamp"] = [$"timestamp {Show(quote.Timestamp)} is more than {options.MaxFutureSkew} ahead of the engine's clock ({Show(now)})."];
        }
        else if (now - quote.Timestamp > options.MaxPublicationAge)
        {
            errors["timestamp"] = [$"timestamp {Show(quote.Timestamp)} is more than {options.MaxPublicationAge} old: a quote that old is a replay."];
        }

        CheckPrice(errors, "bid", quote.Bid, previous?.Bid, quote, previous, options);
        CheckPrice(errors, "ask", quote.Ask, previous?.Ask, quote, previous, options);
        return errors;
    }

    /// <summary>A quote observed before the symbol's latest one arrived late: it must not replace the newer price.</summary>
    public static bool IsOutOfOrder(Quote quote, Quote? latest) => latest is not null && quote.Timestamp < latest.Timestamp;

    private static void CheckPrice(Dictionary<string, string[]> errors, string field, decimal price, decimal? previousPrice,
        Quote quote, Quote? previous, QuoteOptions options)
    {
        if (price > options.MaxPrice)
        {
            errors[field] = [$"{field} must be at most {Show(options.MaxPrice)} (Trading:Quotes:MaxPrice)."];
            return;
        }

        // Only a recent previous quote is a fair reference: after a quiet spell the market may really have moved.
        if (options.MaxJumpPercent > 0 && previous is not null && previousPrice is > 0 && !IsOutOfOrder(quote, previous) &&
            quote.Timestamp - previous.Timestamp <= options.MaxPublicationAge)
        {
            var jumpPercent = Math.Abs(price - previousPrice.Value) / previousPrice.Value * 100m;
            if (jumpPercent > options.MaxJumpPercent)
            {
                errors[field] = [$"{field} {Show(price)} moved {Show(Math.Round(jumpPercent, 2))}% from the previous {Show(previousPrice.Value)}: " +
                    $"more than {Show(options.MaxJumpPercent)}% (Trading:Quotes:MaxJumpPercent)."];
            }
        }
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
