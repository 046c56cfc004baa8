using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>Stop-loss placement, trailing and triggering.</summary>
public static class StopLoss
{
    public static decimal InitialPrice(PositionSide side, decimal fillPrice, decimal percent) => side == PositionSide.Long
        ? fillPrice * (1 - percent / 100m)
        : fillPrice * (1 + percent / 100m);

    /// <summary>A long stops out when the bid is at or below the stop; a short when the ask is at or above it.</summary>
    public static bool IsTriggered(PositionSide side, decimal stopPrice, Quote quote) => side == PositionSide.Long
        ? quote.Bid <= stopPrice
        : quote.Ask >= stopPrice;

    /// <summary>A trailing stop only ever moves in the position's favour.</summary>
    public static decimal Trail(PositionSide side, decimal currentStop, decimal bestPrice, decimal trailingPercent)
    {
        var candidate = InitialPrice(side, bestPrice, trailingPercent);
        return side == PositionSide.Long ? Math.Max(currentStop, candidate) : Math.Min(currentStop, candidate);
    }

    /// <summary>The price a position would be closed at now: the bid for longs, the ask for shorts.</summary>
    public static decimal ExitPrice(PositionSide side, Quote quote) => side == PositionSide.Long ? quote.Bid : quote.Ask;
}
