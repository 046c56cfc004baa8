namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// Buys after its symbol has risen over its last few looks, with a trailing stop at the engine's stop distance, and
/// sells when the rise fades or the hold time is up: ordinary entries, exits, wins and losses.
/// </summary>
public sealed class TrendFollower(string symbol, TimeSpan holdTime) : IDemoStrategy
{
    public const decimal Quantity = 20m;
    private const int Lookback = 6;
    private readonly Queue<decimal> _mids = new();

    public string Name => "trend";

    public string Story => $"buys {symbol} after it rises, with a trailing stop; sells when the rise fades or after {holdTime.TotalSeconds:0.#} s";

    public DemoOrder? Decide(StrategyContext context)
    {
        Remember(context);
        if (context.IsExiting)
        {
            return null;
        }

        if (!context.IsFlat)
        {
            var fading = Momentum < 0 && context.HeldFor >= holdTime / 4;
            return context.IsFresh(context.HeldSymbol!) && (fading || context.HeldFor >= holdTime)
                ? context.CloseAll(fading ? "the rise faded" : "held long enough")
                : null;
        }

        return !context.IsCoolingDown && _mids.Count == Lookback && Momentum > 0 && context.IsTradeable(symbol)
            ? DemoOrder.Buy(symbol, Quantity, "it has been rising", context.Engine.StopLossPercent)
            : null;
    }

    private decimal Momentum => _mids.Count < 2 ? 0 : _mids.Last() - _mids.Peek();

    private void Remember(StrategyContext context)
    {
        if (!context.IsFresh(symbol))
        {
            return;
        }

        _mids.Enqueue(context.Market.QuoteOf(symbol)!.Mid);
        while (_mids.Count > Lookback)
        {
            _mids.Dequeue();
        }
    }
}
