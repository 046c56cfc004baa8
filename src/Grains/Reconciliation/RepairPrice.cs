using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>Where the price of a position repair came from (it is logged with the repair).</summary>
public enum RepairPriceSource
{
    QuoteMid,
    VenueFill,
}

/// <summary>The price a position repair is booked at, and what it was taken from.</summary>
public sealed record RepairPrice(decimal Price, RepairPriceSource Source, DateTimeOffset ObservedAt)
{
    /// <summary>
    /// The latest market observation there is: the quote's mid or the venue's newest fill of the symbol, whichever is more
    /// recent. A repair is a booking, not a fill, so it takes the freshest price known; a quote that went stale before the
    /// venue traded (the trade the account missed, typically) must not price it. Null when there is neither: the repair
    /// waits for one.
    /// </summary>
    public static RepairPrice? Choose(string symbol, Quote? quote, IEnumerable<VenueOrderReport> venueOrders)
    {
        var fill = venueOrders.SelectMany(o => o.Fills).Where(f => f.Symbol == symbol).MaxBy(f => f.At);
        if (fill is not null && (quote is null || fill.At > quote.Timestamp))
        {
            return new RepairPrice(fill.Price, RepairPriceSource.VenueFill, fill.At);
        }

        return quote is null ? null : new RepairPrice(quote.Mid, RepairPriceSource.QuoteMid, quote.Timestamp);
    }
}
