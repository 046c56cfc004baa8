using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Orders;

/// <summary>
/// The order lifecycle in one table: pending → accepted → partiallyFilled → filled, or cancelled or rejected.
/// A move not listed here (backwards, out of a terminal status, to the same status) does not happen.
/// </summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        // An order the venue never acknowledged can only be acknowledged or refused.
        [OrderStatus.Pending] = [OrderStatus.Accepted, OrderStatus.Rejected],
        // Rejected after acceptance: reconciliation found the venue does not know the order.
        [OrderStatus.Accepted] = [OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Rejected],
        [OrderStatus.PartiallyFilled] = [OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Rejected],
        [OrderStatus.Filled] = [],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Rejected] = [],
    };

    public static bool IsAllowed(OrderStatus from, OrderStatus to) =>
        Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyCollection<OrderStatus> From(OrderStatus status) => Allowed.GetValueOrDefault(status, []);
}
