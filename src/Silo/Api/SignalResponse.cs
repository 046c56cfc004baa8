using System.Text.Json.Serialization;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Silo.Api;

/// <summary>The HTTP shape of a decision: accepted fields or rejected fields, never both.</summary>
public sealed record SignalResponse(
    SignalStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? OrderId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? FilledQuantity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AveragePrice,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? StopLossPrice,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? RealizedPnl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RejectionReason? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail)
{
    public static SignalResponse From(SignalDecision d) =>
        new(d.Status, d.OrderId, d.FilledQuantity, d.AveragePrice, d.StopLossPrice, d.RealizedPnl, d.Reason, d.Detail);
}
