using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

public static class Pnl
{
    /// <summary>Long: (exit − entry) × qty; short: (entry − exit) × qty.</summary>
    public static decimal Of(PositionSide side, decimal entryPrice, decimal exitPrice, decimal quantity) => side == PositionSide.Long
        ? (exitPrice - entryPrice) * quantity
        : (entryPrice - exitPrice) * quantity;
}
