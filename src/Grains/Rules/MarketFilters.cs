using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>Market-quality filters: quote presence and age, spread, and slippage of the fill.</summary>
public static class MarketFilters
{
    private const decimal BasisPoints = 10_000m;

    public static Denial? CheckQuoteFreshness(Quote? quote, DateTimeOffset now, TimeSpan maxAge)
    {
        if (quote is null)
        {
            return new(RejectionReason.NoQuote, "No quote has been received for this symbol.");
        }

        var age = now - quote.Timestamp;
        if (age < -maxAge)
        {
            // A quote from the future means a wrong clock somewhere: it must not stay "fresh" forever.
            return new(RejectionReason.StaleQuote, $"Quote timestamp {quote.Timestamp:O} is {-age.TotalMilliseconds:0} ms in the future.");
        }

        return age > maxAge
            ? new(RejectionReason.StaleQuote, $"Quote is {age.TotalMilliseconds:0} ms old (max {maxAge.TotalMilliseconds:0} ms).")
            : null;
    }

    /// <summary>
    /// Whether a quote is recent enough to act on: entries need it, stops fire only on it, and the paper venue fills
    /// only from it. A stale quote is kept (it still marks positions), it just never moves money.
    /// </summary>
    public static bool IsFresh(Quote? quote, DateTimeOffset now, TimeSpan maxAge) => CheckQuoteFreshness(quote, now, maxAge) is null;

    public static decimal SpreadBps(Quote quote) => (quote.Ask - quote.Bid) / quote.Mid * BasisPoints;

    /// <summary>A spread exactly at the limit passes.</summary>
    public static Denial? CheckSpread(Quote quote, decimal maxSpreadBps)
    {
        var spread = SpreadBps(quote);
        return spread > maxSpreadBps
            ? new(RejectionReason.SpreadTooWide, $"Spread is {spread:0.##} bps (max {maxSpreadBps} bps).")
            : null;
    }

    /// <summary>The worst price a marketable-limit entry accepts: ask plus, or bid minus, the slippage allowance.</summary>
    public static decimal MarketableLimit(OrderSide side, Quote quote, decimal maxSlippageBps) =>
        PriceAfterSlippage(side, quote, maxSlippageBps);

    /// <summary>The side's touch price (ask for buys, bid for sells) moved against the trader by <paramref name="bps"/>.</summary>
    public static decimal PriceAfterSlippage(OrderSide side, Quote quote, decimal bps) => side == OrderSide.Buy
        ? quote.Ask * (1 + bps / BasisPoints)
        : quote.Bid * (1 - bps / BasisPoints);

    /// <summary>Whether a fill price is within a limit for the given side.</summary>
    public static bool IsWithinLimit(OrderSide side, decimal price, decimal limit) =>
        side == OrderSide.Buy ? price <= limit : price >= limit;

    public static Denial SlippageExceeded(OrderSide side, decimal limit) =>
        new(RejectionReason.SlippageExceeded,
            $"The venue could not fill within the limit {limit:0.########} ({(side == OrderSide.Buy ? "max" : "min")} acceptable price).");
}
