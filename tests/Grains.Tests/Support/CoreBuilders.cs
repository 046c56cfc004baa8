using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>Orders, fills and positions for the pure account core's tests: valid by default, one symbol, one clock.</summary>
public static class CoreBuilders
{
    public const string Account = "acc";
    public const string Symbol = "AAPL";
    public static readonly DateTimeOffset T0 = new(2026, 11, 4, 15, 0, 0, TimeSpan.Zero);

    public static AccountOrder Entry(string orderId, decimal quantity, OrderSide side = OrderSide.Buy, string? positionId = null,
        decimal stopLossPercent = 2m, decimal? trailingStopPercent = null, OrderStatus status = OrderStatus.Accepted) =>
        Order(orderId, side, quantity, OrderPurpose.Entry, positionId ?? $"P-{orderId}", reduceOnly: false, status,
            stopLossPercent, trailingStopPercent);

    public static AccountOrder Exit(string orderId, decimal quantity, OrderSide side = OrderSide.Sell, string? positionId = null,
        OrderPurpose purpose = OrderPurpose.Signal, OrderStatus status = OrderStatus.Accepted) =>
        Order(orderId, side, quantity, purpose, positionId, reduceOnly: true, status, 0m, null);

    public static VenueFill Fill(AccountOrder order, string fillId, decimal quantity, decimal price, int second = 0) =>
        new(fillId, order.OrderId, order.Symbol, order.Side, quantity, price, T0.AddSeconds(second));

    public static PositionState Position(string positionId, decimal quantity, decimal entryPrice, PositionSide side = PositionSide.Long,
        int openedSecond = 0, string symbol = Symbol) => new()
    {
        PositionId = positionId,
        Symbol = symbol,
        Side = side,
        Quantity = quantity,
        EntryPrice = entryPrice,
        BestPrice = entryPrice,
        StopLossPercent = 2m,
        StopLossPrice = side == PositionSide.Long ? entryPrice * 0.98m : entryPrice * 1.02m,
        OpenedAt = T0.AddSeconds(openedSecond),
        EntryOrderId = $"ord-{positionId}",
    };

    private static AccountOrder Order(string orderId, OrderSide side, decimal quantity, OrderPurpose purpose, string? positionId,
        bool reduceOnly, OrderStatus status, decimal stopLossPercent, decimal? trailingStopPercent)
    {
        var order = new AccountOrder
        {
            OrderId = orderId,
            Symbol = Symbol,
            Side = side,
            Quantity = quantity,
            Purpose = purpose,
            PositionId = positionId,
            ReduceOnly = reduceOnly,
            TimeInForce = reduceOnly ? TimeInForce.GoodTillCancelled : TimeInForce.ImmediateOrCancel,
            Status = OrderStatus.Pending,
            CreatedAt = T0,
            StopLossPercent = stopLossPercent,
            TrailingStopPercent = trailingStopPercent,
        };
        order.History.Add(new OrderStatusChange(OrderStatus.Pending, T0, 0m));
        if (status != OrderStatus.Pending)
        {
            order.TransitionTo(OrderStatus.Accepted, T0);
            order.TransitionTo(status, T0);
        }

        return order;
    }
}
