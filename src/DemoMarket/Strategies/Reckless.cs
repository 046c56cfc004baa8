namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// Trades exactly when a careful strategy would not: it buys a symbol whose spread just blew out, or one whose feed has
/// gone quiet. The engine refuses it <c>spreadTooWide</c> or <c>staleQuote</c>. Anything that does fill it sells at once.
/// </summary>
public sealed class Reckless(IReadOnlyList<string> symbols, TimeSpan pause) : IDemoStrategy
{
    public const decimal Quantity = 10m;
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public string Name => "reckless";

    public string Story => "buys a symbol whose spread just blew out or whose feed went quiet: refused spreadTooWide and staleQuote";

    public DemoOrder? Decide(StrategyContext context)
    {
        if (!context.IsFlat)
        {
            return !context.IsExiting && context.IsFresh(context.HeldSymbol!) ? context.CloseAll("never meant to keep it") : null;
        }

        if (context.Now < _next)
        {
            return null;
        }

        var order = symbols.Where(s => context.IsWide(s) && context.IsFresh(s)).Select(s => DemoOrder.Buy(s, Quantity, "chases the blown-out spread"))
            .Concat(symbols.Where(context.IsQuiet).Select(s => DemoOrder.Buy(s, Quantity, "trades the quiet tape")))
            .FirstOrDefault();
        if (order is not null)
        {
            _next = context.Now + pause;
        }

        return order;
    }
}
