namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// Settles on a symbol, then reaches for the next one while still holding the first: a VA trades one symbol at a time,
/// so the engine refuses it <c>symbolLocked</c>. It sells the first once it is ahead (or has waited long enough) and moves on.
/// </summary>
/// <param name="settleOn">The symbols it holds, in turn.</param>
/// <param name="reachFor">The symbols it reaches for while holding one (the engine refuses before it looks at the quote).</param>
public sealed class SymbolHopper(IReadOnlyList<string> settleOn, IReadOnlyList<string> reachFor, TimeSpan holdTime) : IDemoStrategy
{
    public const decimal Quantity = 10m;
    private int _next;
    private bool _reachedOut;

    public string Name => "hopper";

    public string Story => "holds one symbol and reaches for another: refused symbolLocked";

    public DemoOrder? Decide(StrategyContext context)
    {
        if (context.IsExiting)
        {
            return null;
        }

        if (!context.IsFlat)
        {
            var held = context.HeldSymbol!;
            if (!_reachedOut)
            {
                _reachedOut = true;
                var other = reachFor.First(s => s != held);
                return DemoOrder.Buy(other, Quantity, $"reaches for {other} while holding {held}");
            }

            // Out when it is ahead, or after twice the hold time whatever the result.
            var done = context.HeldFor >= holdTime / 2 && context.UnrealizedReturn >= 0 || context.HeldFor >= 2 * holdTime;
            return done && context.IsFresh(held) ? context.CloseAll($"done with {held}") : null;
        }

        _reachedOut = false;
        var symbol = settleOn[_next % settleOn.Count];
        if (context.IsCoolingDown || !context.IsTradeable(symbol))
        {
            return null;
        }

        _next++;
        return DemoOrder.Buy(symbol, Quantity, $"settles on {symbol}");
    }
}
