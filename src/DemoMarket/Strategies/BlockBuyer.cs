namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// Asks for twice the displayed ask size: the venue fills what is shown and cancels the rest of the
/// immediate-or-cancel entry (a partial fill). After the hold time it sells the block, which the venue works off in
/// parts as the bid size allows.
/// </summary>
public sealed class BlockBuyer(string symbol, TimeSpan holdTime) : IDemoStrategy
{
    /// <summary>Never more than this share of the balance in one block.</summary>
    private const decimal BalanceShare = 0.25m;

    /// <summary>What it asks for when a quote shows no size (the venue then fills it all).</summary>
    private const decimal UnsizedQuantity = 100m;

    public string Name => "block";

    public string Story => $"buys twice the displayed size of {symbol}, so its entries fill in part; sells the block after {holdTime.TotalSeconds:0.#} s";

    public DemoOrder? Decide(StrategyContext context)
    {
        if (context.IsExiting)
        {
            return null;
        }

        if (!context.IsFlat)
        {
            return context.HeldFor >= holdTime && context.IsFresh(context.HeldSymbol!) ? context.CloseAll("takes the block off") : null;
        }

        if (context.IsCoolingDown || !context.IsTradeable(symbol))
        {
            return null;
        }

        var quote = context.Market.QuoteOf(symbol)!;
        var wanted = quote.AskSize is { } shown ? 2 * shown : UnsizedQuantity;
        var quantity = Math.Min(wanted, Math.Floor(context.Account.Balance * BalanceShare / quote.Ask));
        return quantity >= 1 ? DemoOrder.Buy(symbol, quantity, $"sweeps for {quantity} with {quote.AskSize?.ToString() ?? "no size"} shown") : null;
    }
}
