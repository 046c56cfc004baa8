namespace OrleansTrading.Abstractions;

/// <summary>One closed (or partly closed) position: the unit that counts as a win or a loss.</summary>
[GenerateSerializer, Immutable, Alias("trading.TradeRecord")]
public sealed record TradeRecord(
    [property: Id(0)] string TradeId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string PositionId,
    [property: Id(3)] string Symbol,
    [property: Id(4)] PositionSide Side,
    [property: Id(5)] decimal Quantity,
    [property: Id(6)] decimal EntryPrice,
    [property: Id(7)] decimal ExitPrice,
    [property: Id(8)] decimal Pnl,
    [property: Id(9)] OrderPurpose Reason,
    [property: Id(10)] string OrderId,
    [property: Id(11)] DateTimeOffset OpenedAt,
    [property: Id(12)] DateTimeOffset ClosedAt);
