namespace OrleansTrading.Abstractions.Venue;

/// <param name="ClientOrderId">Our id for the order; unique per account and stable across retries.</param>
/// <param name="LimitPrice">Worst acceptable price; null for a market order.</param>
/// <param name="ReduceOnly">The venue must never let this order increase or flip a position.</param>
[GenerateSerializer, Immutable, Alias("trading.VenueOrder")]
public sealed record VenueOrder(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] decimal? LimitPrice,
    [property: Id(6)] bool ReduceOnly,
    [property: Id(7)] TimeInForce TimeInForce);
