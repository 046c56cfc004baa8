namespace OrleansTrading.Abstractions;

public static class OrderStatusExtensions
{
    /// <summary>Filled, cancelled and rejected orders never change again; the account and the venue agree on this set.</summary>
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected;
}
