using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>What the rules need to know about one open position.</summary>
public sealed record OpenPosition(string Symbol, PositionSide Side, decimal Quantity, decimal EntryPrice)
{
    public decimal Notional => Quantity * EntryPrice;
}
