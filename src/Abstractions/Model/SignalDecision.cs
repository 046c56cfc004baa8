namespace OrleansTrading.Abstractions;

/// <summary>The answer to a signal: accepted with its execution, or rejected with one reason code.</summary>
[GenerateSerializer, Immutable, Alias("trading.SignalDecision")]
public sealed record SignalDecision(
    [property: Id(0)] SignalStatus Status,
    [property: Id(1)] RejectionReason? Reason = null,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] string? OrderId = null,
    [property: Id(4)] decimal? FilledQuantity = null,
    [property: Id(5)] decimal? AveragePrice = null,
    [property: Id(6)] decimal? StopLossPrice = null,
    [property: Id(7)] decimal? RealizedPnl = null)
{
    public static SignalDecision Rejected(RejectionReason reason, string detail) =>
        new(SignalStatus.Rejected, reason, detail);
}
