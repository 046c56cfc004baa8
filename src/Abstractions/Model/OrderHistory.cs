namespace OrleansTrading.Abstractions;

/// <summary>An order in its latest state, with every status change it went through, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("trading.OrderHistory")]
public sealed record OrderHistory(
    [property: Id(0)] OrderSnapshot Order,
    [property: Id(1)] IReadOnlyList<OrderStatusChange> History);
