namespace OrleansTrading.Abstractions;

[GenerateSerializer, Immutable, Alias("trading.OrderStatusChange")]
public sealed record OrderStatusChange(
    [property: Id(0)] OrderStatus Status,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] decimal FilledQuantity,
    [property: Id(3)] string? Note = null);
