namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// Stays long the symbol that drops sharply at intervals and never sells on its own unless in profit: each drop runs
/// through its stop (the engine's stop-loss closes it, a stop-out). After a stop-out it waits a moment and buys again.
/// </summary>
public sealed class DipBuyer(string symbol, TimeSpan pauseAfterExit) : IDemoStrategy
{
    public const decimal Quantity = 50m;

    /// <summary>Takes a profit of this fraction of the cost, e.g. on the recovery after a drop.</summary>
    private const decimal TakeProfit = 0.01m;

    private bool _wasHolding;
    private DateTimeOffset _flatSince = DateTimeOffset.MinValue;

    public string Name => "dip";

    public string Story => $"holds {symbol}, which drops sharply at intervals: each drop runs through its stop (a stop-out)";

    public DemoOrder? Decide(StrategyContext context)
    {
        if (!context.IsFlat)
        {
            _wasHolding = true;
            return !context.IsExiting && context.UnrealizedReturn >= TakeProfit && context.IsFresh(context.HeldSymbol!)
                ? context.CloseAll("takes its profit")
                : null;
        }

        if (_wasHolding)
        {
            _wasHolding = false;
            _flatSince = context.Now;
        }

        return !context.IsCoolingDown && context.Now - _flatSince >= pauseAfterExit && context.IsTradeable(symbol)
            ? DemoOrder.Buy(symbol, Quantity, "buys the dip")
            : null;
    }
}
