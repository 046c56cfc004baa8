namespace OrleansTrading.Grains.Venue;

[GenerateSerializer, Alias("trading.VenueExecutionStatus")]
public enum VenueExecutionStatus
{
    Filled = 0,
    PartiallyFilled = 1,

    /// <summary>Nothing (more) could fill within the order's terms; the rest is cancelled.</summary>
    Cancelled = 2,

    /// <summary>The venue refused the order.</summary>
    Rejected = 3,
}

[GenerateSerializer, Immutable, Alias("trading.VenueExecution")]
public sealed record VenueExecution(
    [property: Id(0)] VenueExecutionStatus Status,
    [property: Id(1)] decimal FilledQuantity,
    [property: Id(2)] decimal AveragePrice,
    [property: Id(3)] string? Reason = null);
