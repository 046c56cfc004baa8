using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Tests;

/// <summary>Valid-by-default test data: change only what a test is about.</summary>
public static class Snapshots
{
    public static readonly DateTimeOffset Now = new(2025, 1, 2, 15, 0, 0, TimeSpan.Zero);

    public static PositionSnapshot Position(string symbol = "AAPL", PositionSide side = PositionSide.Long, decimal entry = 100m,
        decimal? current = 100m, decimal stop = 98m, decimal quantity = 10m, StopStatus stopStatus = StopStatus.Armed) =>
        new($"P-{symbol}", symbol, side, quantity, entry, current, stop,
            current is { } c ? (side == PositionSide.Long ? c - entry : entry - c) * quantity : 0m, Now, null, stopStatus, 900);

    public static AccountSnapshot Account(string id = "va-1", decimal realized = 0m, DateTimeOffset? cooldownUntil = null,
        params PositionSnapshot[] positions) =>
        new(id, 100_000m + realized, 100_000m + realized, realized, positions.Sum(p => p.UnrealizedPnl), 1, 1, 0, cooldownUntil,
            100_000m, 0m, 0m, positions.FirstOrDefault()?.Symbol, positions, 100_000m, Now, null, 0);

    public static DecisionRecord Rejected(string account, RejectionReason reason, string detail) =>
        new(account, "s-1", "AAPL", OrderSide.Buy, 10m, SignalAction.Open, null, null, SignalStatus.Rejected, reason, detail,
            null, null, null, null, null, Now);

    public static DecisionRecord Accepted(string account) =>
        new(account, "s-2", "AAPL", OrderSide.Buy, 10m, SignalAction.Open, null, null, SignalStatus.Accepted, null, null,
            "ord-1", 10m, 100.05m, 98.049m, null, Now);
}
