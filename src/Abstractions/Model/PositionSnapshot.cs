namespace OrleansTrading.Abstractions;

/// <summary>
/// One open position marked to the symbol's latest quote. <see cref="StopStatus"/> tells whether the stop is armed,
/// waiting for a fresh quote, or already exiting; <see cref="QuoteAgeMs"/> is the age of the quote behind
/// <see cref="CurrentPrice"/> (null without a quote), so a client sees how old the mark is.
/// </summary>
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
    [property: Id(9)] decimal? TrailingStopPercent = null,
    [property: Id(10)] StopStatus StopStatus = StopStatus.Armed,
    [property: Id(11)] long? QuoteAgeMs = null);
