using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary><c>orderTooLarge</c>: one order's quantity, and its notional at the touch price (ask for buys, bid for sells).</summary>
public static class OrderSize
{
    /// <summary>A value exactly at a limit passes. Without a quote only the quantity is judged (the market filters refuse it next).</summary>
    public static Denial? Check(OrderSide side, decimal quantity, Quote? quote, EffectiveLimits limits)
    {
        if (limits.MaxQuantityPerOrder is { } maxQuantity && quantity > maxQuantity)
        {
            return new(RejectionReason.OrderTooLarge,
                $"order quantity {LimitText.Amount(quantity)} > {LimitText.Amount(maxQuantity)} limit (MaxQuantityPerOrder).");
        }

        if (quote is null)
        {
            return null;
        }

        var notional = quantity * (side == OrderSide.Buy ? quote.Ask : quote.Bid);
        return notional > limits.MaxNotionalPerOrder
            ? new(RejectionReason.OrderTooLarge,
                $"order notional {LimitText.Amount(notional)} > {LimitText.Amount(limits.MaxNotionalPerOrder)} limit (MaxNotionalPerOrder).")
            : null;
    }
}
