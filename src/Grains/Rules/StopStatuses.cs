using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>What a position's stop is doing, for the snapshot. Stops act only on fresh quotes, so a stale crossing one leaves them waiting.</summary>
public static class StopStatuses
{
    public static StopStatus Of(PositionSide side, decimal stopPrice, bool exiting, Quote? quote, bool quoteIsFresh)
    {
        if (exiting)
        {
            return StopStatus.Exiting;
        }

        return quote is not null && !quoteIsFresh && StopLoss.IsTriggered(side, stopPrice, quote)
            ? StopStatus.WaitingForFreshQuote
            : StopStatus.Armed;
    }
}
