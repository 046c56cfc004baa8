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

    /// <summary>Two orders, newest first: a stop-loss exit still working after a partial fill, and the filled entry it protects.</summary>
    public static Page<OrderHistory> OrderPage() => new(
    [
        new OrderHistory(
            new OrderSnapshot("ord-2", "AAPL", OrderSide.Sell, 10m, 4m, 98.0400m, null, true, OrderPurpose.StopLoss, OrderStatus.PartiallyFilled,
                CreatedAt.AddMinutes(30), CreatedAt.AddMinutes(31), "P1"),
            [
                new OrderStatusChange(OrderStatus.Pending, CreatedAt.AddMinutes(30), 0m),
                new OrderStatusChange(OrderStatus.PartiallyFilled, CreatedAt.AddMinutes(31), 4m, "thin book"),
            ]),
        new OrderHistory(
            new OrderSnapshot("ord-1", "AAPL", OrderSide.Buy, 10m, 10m, 100.0500m, 100.10m, false, OrderPurpose.Entry, OrderStatus.Filled,
                CreatedAt.AddMinutes(5), CreatedAt.AddMinutes(5), "P1"),
            [new OrderStatusChange(OrderStatus.Filled, CreatedAt.AddMinutes(5), 10m)]),
    ], 0, 50, 2);

    /// <summary>Two closed trades, newest first: a stop-loss loss and a profitable close by signal.</summary>
    public static Page<TradeRecord> TradePage() => new(
    [
        new TradeRecord("T2", "acc-1", "P2", "MSFT", PositionSide.Short, 2.5m, 400.10m, 404.1100m, -10.0275m, OrderPurpose.StopLoss, "ord-9",
            CreatedAt.AddHours(1), CreatedAt.AddHours(2)),
        new TradeRecord("T1", "acc-1", "P1", "AAPL", PositionSide.Long, 10m, 100.05m, 101m, 9.5m, OrderPurpose.Signal, "ord-3",
            CreatedAt.AddMinutes(5), CreatedAt.AddMinutes(45)),
    ], 10, 2, 14);
}
