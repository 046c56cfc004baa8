using System.Collections.Concurrent;
using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Market;

/// <summary>The quotes the engine accepted, as the feed publishes them; strategies read a <see cref="MarketView"/> of it.</summary>
public sealed class MarketBoard(IReadOnlyList<string> symbols)
{
    private readonly ConcurrentDictionary<string, Quote> _latest = new(StringComparer.Ordinal);

    public void Record(Quote quote) => _latest[quote.Symbol] = quote;

    public MarketView View() => new(symbols, new Dictionary<string, Quote>(_latest, StringComparer.Ordinal));
}
