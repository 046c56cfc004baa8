namespace OrleansTrading.Abstractions.Venue;

/// <summary>The venue's view of one order and every fill it produced so far.</summary>
[GenerateSerializer, Immutable, Alias("trading.VenueOrderReport")]
public sealed record VenueOrderReport(
    [property: Id(0)] VenueOrder Order,
    [property: Id(1)] OrderStatus Status,
    [property: Id(2)] IReadOnlyList<VenueFill> Fills,
    [property: Id(3)] VenueCancelReason CancelReason,
    [property: Id(4)] string? RejectReason,
    [property: Id(5)] DateTimeOffset UpdatedAt)
{
    public decimal FilledQuantity => Fills.Sum(f => f.Quantity);

    public decimal? AveragePrice => FilledQuantity == 0 ? null : Fills.Sum(f => f.Quantity * f.Price) / FilledQuantity;

    public bool IsTerminal => Status.IsTerminal();
}
