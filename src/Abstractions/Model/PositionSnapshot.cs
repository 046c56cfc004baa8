namespace OrleansTrading.Abstractions;

[GenerateSerializer, Immutable, Alias("trading.PositionSnapshot")]
public sealed record PositionSnapshot(
    [property: Id(0)] string PositionId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] PositionSide Side,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] decimal EntryPrice,
    [property: Id(5)] decimal? CurrentPrice,
    [property: Id(6)] decimal StopLossPrice,
    [property: Id(7)] decimal UnrealizedPnl,
    [property: Id(8)] DateTimeOffset OpenedAt,
    [property: Id(9)] decimal? TrailingStopPercent = null);
