using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Hosting;
using OrleansTrading.DemoMarket.Market;
using OrleansTrading.DemoMarket.Strategies;

namespace OrleansTrading.DemoMarket.Tests.Support;

/// <summary>Builders for what a strategy sees: the engine's default rules, a market of quotes, an account.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    /// <summary>The engine's defaults (10 bps spread, 500 ms quote age, 3 positions, 3 losses → 5 min, 2 % stop), window ignored for the demo.</summary>
    public static EngineSettings Engine { get; } = new(10m, 10m, TimeSpan.FromMilliseconds(500), 3, 3, TimeSpan.FromMinutes(5), 2m,
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), false, new TimeOnly(9, 30), new TimeOnly(16, 0), "America/New_York",
        true, Now, DemoMarket: true, TradingWindowIgnoredForDemo: true);

    /// <summary>A 4 bps quote around 100, <paramref name="age"/> old, with sizes.</summary>
    public static Quote Quote(string symbol, TimeSpan age = default, decimal bid = 100m, decimal ask = 100.04m, decimal size = 50m) =>
        new(symbol, bid, ask, Now - age, size, size);

    /// <summary>A 30 bps quote: beyond the engine's spread filter.</summary>
    public static Quote WideQuote(string symbol, TimeSpan age = default) => Quote(symbol, age, 99.85m, 100.15m);

    public static MarketView Market(params Quote[] quotes) =>
        new(quotes.Select(q => q.Symbol).ToList(), quotes.ToDictionary(q => q.Symbol, StringComparer.Ordinal));

    /// <summary>Fresh ordinary quotes of <paramref name="symbols"/>, published at <paramref name="at"/>.</summary>
    public static MarketView MarketAt(DateTimeOffset at, params string[] symbols) =>
        Market(symbols.Select(s => Quote(s) with { Timestamp = at }).ToArray());

    public static PositionSnapshot Position(string symbol, decimal quantity = 10m, decimal entry = 100.04m, decimal? pnl = null,
        TimeSpan? heldFor = null, StopStatus stop = StopStatus.Armed) =>
        new($"P-{Guid.NewGuid():N}", symbol, PositionSide.Long, quantity, entry, entry, entry * 0.98m, pnl ?? 0m,
            Now - (heldFor ?? TimeSpan.FromSeconds(1)), StopStatus: stop);

    public static AccountSnapshot Account(DateTimeOffset? cooldownUntil = null, decimal balance = 1_000_000m, params PositionSnapshot[] positions) =>
        new("demo-test", balance, balance, 0m, 0m, 0, 0, 0, cooldownUntil, balance, 0m, 0m, positions.FirstOrDefault()?.Symbol, positions,
            balance, Now.AddHours(-1));

    public static StrategyContext Context(MarketView market, AccountSnapshot? account = null, DateTimeOffset? now = null) =>
        new(now ?? Now, market, account ?? Account(), Engine);

    public static SignalDecision Accepted(decimal filled) =>
        new(SignalStatus.Accepted, OrderId: "ord-1", FilledQuantity: filled, AveragePrice: 100.04m, StopLossPrice: 98.04m);

    public static SignalDecision Rejected(RejectionReason reason) => SignalDecision.Rejected(reason, "test");

    /// <summary>Demo settings for the simulator tests: no random episodes unless a test turns them on.</summary>
    public static DemoMarketOptions Quiet() => new()
    {
        Enabled = true,
        WideSpreadRate = 0,
        StaleGapRate = 0,
        FirstEventsAfter = TimeSpan.FromDays(1),
        ShockEvery = TimeSpan.FromDays(1),
    };
}
