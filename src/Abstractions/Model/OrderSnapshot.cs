namespace OrleansTrading.Abstractions;

[GenerateSerializer, Immutable, Alias("trading.OrderSnapshot")]
public sealed record OrderSnapshot(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] OrderSide Side,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] decimal FilledQuantity,
    [property: Id(5)] decimal? AveragePrice,
    [property: Id(6)] decimal? LimitPrice,
    [property: Id(7)] bool ReduceOnly,
    [property: Id(8)] OrderPurpose Purpose,
    [property: Id(9)] OrderStatus Status,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] string? PositionId = null,
    [property: Id(13)] string? SignalId = null);
