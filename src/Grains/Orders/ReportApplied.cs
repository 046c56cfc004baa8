using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Orders;

/// <summary>What a venue report changed on an order: whether anything did, and the fills seen for the first time.</summary>
public sealed record ReportApplied(bool Changed, IReadOnlyList<VenueFill> NewFills)
{
    public static ReportApplied Nothing { get; } = new(false, []);
}
