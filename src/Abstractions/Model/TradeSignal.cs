namespace OrleansTrading.Abstractions;

/// <summary>A strategy's request to open or close exposure in one symbol.</summary>
/// <param name="SignalId">Idempotency key: re-sending it returns the first decision and trades nothing.</param>
/// <param name="StopLossPercent">Overrides the default stop distance, in percent of the fill price.</param>
/// <param name="TrailingStopPercent">When set, the stop ratchets with the best price by this percent.</param>
[GenerateSerializer, Immutable, Alias("trading.TradeSignal")]
public sealed record TradeSignal(
    [property: Id(0)] string SignalId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] OrderSide Side,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] SignalAction Action,
    [property: Id(5)] decimal? StopLossPercent = null,
    [property: Id(6)] decimal? TrailingStopPercent = null);
