using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

public static class PositionSides
{
    /// <summary>An entry buy opens a long, an entry sell opens a short.</summary>
    public static PositionSide ForEntry(OrderSide side) => side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short;

    /// <summary>The order side that reduces a position of this side.</summary>
    public static OrderSide ExitSide(PositionSide side) => side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>The position side an order of this side reduces: a sell reduces longs, a buy reduces shorts.</summary>
    public static PositionSide ReducedBy(OrderSide side) => side == OrderSide.Sell ? PositionSide.Long : PositionSide.Short;
}
