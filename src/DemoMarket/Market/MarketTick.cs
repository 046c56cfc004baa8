using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Market;

/// <summary>One step of the simulated market: the quotes to publish (none for a symbol in a stale gap) and the events begun.</summary>
public sealed record MarketTick(DateTimeOffset At, IReadOnlyList<Quote> Quotes, IReadOnlyList<MarketEvent> Events);
