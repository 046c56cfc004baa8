namespace OrleansTrading.Abstractions.Venue;

[GenerateSerializer, Alias("trading.VenueCancelReason")]
public enum VenueCancelReason
{
    None = 0,

    /// <summary>The market was beyond the order's limit price.</summary>
    LimitPrice = 1,

    /// <summary>No size was available at the quote.</summary>
    NoLiquidity = 2,

    /// <summary>Cancelled on request or by the venue itself.</summary>
    Cancelled = 3,

    /// <summary>A reduce-only order found nothing left to reduce.</summary>
    NothingToReduce = 4,

    /// <summary>The paper venue's latest quote was older than the quote age limit: it had no current price to fill at.</summary>
    StaleQuote = 5,
}
