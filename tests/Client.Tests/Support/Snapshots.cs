using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Tests.Support;

public static class Snapshots
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 1, 2, 14, 30, 0, TimeSpan.Zero);

    public static AccountSnapshot Account(string accountId = "acc-1", decimal balance = 10_000m, params PositionSnapshot[] positions) =>
        new(accountId, balance, balance + positions.Sum(p => p.UnrealizedPnl), 0m, positions.Sum(p => p.UnrealizedPnl), 0, 0, 0, null, balance, 0m, 0m,
            positions.FirstOrDefault()?.Symbol, positions, balance, CreatedAt);

    public static PositionSnapshot LongAapl() =>
        new("P1", "AAPL", PositionSide.Long, 10m, 100.0500m, 100.02m, 98.049m, -0.30m, CreatedAt.AddMinutes(5));
}
