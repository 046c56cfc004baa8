namespace OrleansTrading.Abstractions;

/// <summary>
/// One decided signal as the decisions journal keeps it: what was asked (the signal's fields) and what was answered.
/// Accepted and rejected alike; the (account, signal id) pair is unique forever.
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.DecisionRecord")]
public sealed record DecisionRecord(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string SignalId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] SignalAction Action,
    [property: Id(6)] decimal? StopLossPercent,
    [property: Id(7)] decimal? TrailingStopPercent,
    [property: Id(8)] SignalStatus Status,
    [property: Id(9)] RejectionReason? Reason,
    [property: Id(10)] string? Detail,
    [property: Id(11)] string? OrderId,
    [property: Id(12)] decimal? FilledQuantity,
    [property: Id(13)] decimal? AveragePrice,
    [property: Id(14)] decimal? StopLossPrice,
    [property: Id(15)] decimal? RealizedPnl,
    [property: Id(16)] DateTimeOffset DecidedAt)
{
    public static DecisionRecord Of(string accountId, TradeSignal signal, SignalDecision decision, DateTimeOffset decidedAt) =>
        new(accountId, signal.SignalId, signal.Symbol, signal.Side, signal.Quantity, signal.Action, signal.StopLossPercent,
            signal.TrailingStopPercent, decision.Status, decision.Reason, decision.Detail, decision.OrderId, decision.FilledQuantity,
            decision.AveragePrice, decision.StopLossPrice, decision.RealizedPnl, decidedAt);

    /// <summary>
    /// False for decisions migrated from grain state written before the decisions journal existed: that state kept
    /// only the answer, so the signal's fields are unknown (empty symbol, zero quantity).
    /// </summary>
    public bool HasSignalContent => Symbol.Length > 0;

    /// <summary>The signal this decision answered.</summary>
    public TradeSignal Signal => new(SignalId, Symbol, Side, Quantity, Action, StopLossPercent, TrailingStopPercent);

    /// <summary>The decision as first answered: a re-sent signal id gets exactly this back.</summary>
    public SignalDecision Decision => new(Status, Reason, Detail, OrderId, FilledQuantity, AveragePrice, StopLossPrice, RealizedPnl);
}
