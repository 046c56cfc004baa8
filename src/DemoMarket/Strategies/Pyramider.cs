using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// Keeps opening one more position in its symbol until the engine refuses <c>maxOpenPositions</c>; then holds the
/// pyramid until it is ahead (or long enough), sells it all and starts again.
/// </summary>
public sealed class Pyramider(string symbol, TimeSpan holdTime) : IDemoStrategy
{
    public const decimal Quantity = 5m;
    private DateTimeOffset? _fullSince;

    public string Name => "pyramid";

    public string Story => $"keeps adding positions in {symbol}: refused maxOpenPositions";

    public DemoOrder? Decide(StrategyContext context)
    {
        if (context.IsExiting)
        {
            return null;
        }

        if (context.HeldSymbol is { } held && held != symbol)
        {
            return context.IsFresh(held) ? context.CloseAll($"{held} is not its symbol") : null;
        }

        if (_fullSince is { } full)
        {
            if (context.IsFlat)
            {
                _fullSince = null;
                return null;
            }

            // Out when it is ahead, or after twice the hold time whatever the result.
            var since = context.Now - full;
            var done = since >= holdTime / 2 && context.UnrealizedReturn >= 0 || since >= 2 * holdTime;
            return done && context.IsFresh(context.HeldSymbol!) ? context.CloseAll("unwinds the pyramid") : null;
        }

        return !context.IsCoolingDown && context.IsTradeable(symbol)
            ? DemoOrder.Buy(symbol, Quantity, $"adds position {context.Account.Positions.Count + 1}")
            : null;
    }

    public DemoOrder? OnDecision(DemoOrder order, SignalDecision decision, StrategyContext context)
    {
        if (decision.Reason == RejectionReason.MaxOpenPositions)
        {
            _fullSince = context.Now;
        }

        return null;
    }
}
