using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>Buying power: the balance less the notional already committed to open positions.</summary>
public static class Funds
{
    public static decimal Available(decimal balance, IReadOnlyList<OpenPosition> positions) =>
        balance - positions.Sum(p => p.Notional);

    public static Denial? Check(OrderSide side, decimal quantity, Quote quote, decimal balance, IReadOnlyList<OpenPosition> positions)
    {
        var price = side == OrderSide.Buy ? quote.Ask : quote.Bid;
        var cost = quantity * price;
        var available = Available(balance, positions);
        return cost > available
            ? new(RejectionReason.InsufficientFunds, $"Order needs {cost:0.##} but only {available:0.##} is available.")
            : null;
    }
}
