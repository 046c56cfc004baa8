using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Market;

/// <summary>
/// What the strategies see of the market: the latest quote the engine took for each symbol (its timestamp is when it
/// was published). A symbol in a stale gap keeps its last quote, which ages.
/// </summary>
public sealed record MarketView(IReadOnlyList<string> Symbols, IReadOnlyDictionary<string, Quote> Latest)
{
    public Quote? QuoteOf(string symbol) => Latest.GetValueOrDefault(symbol);
}
