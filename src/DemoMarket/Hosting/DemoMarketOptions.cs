namespace OrleansTrading.DemoMarket.Hosting;

/// <summary>
/// The demo market's settings, section <c>Trading:Demo</c> (the silo reads only <c>Enabled</c> and
/// <c>IgnoreTradingWindow</c> from the same section). Rates are chances per symbol per quote; prices move as a random
/// walk whose volatility is per square-root minute and whose drift is per hour.
/// </summary>
public sealed class DemoMarketOptions
{
    public const string SectionName = "Trading:Demo";

    /// <summary>The demo trades only when this is true (set by the local start, off everywhere else).</summary>
    public bool Enabled { get; set; }

    /// <summary>Each strategy trades on the account <c>{AccountPrefix}{strategy}</c>, created on first start and reused after.</summary>
    public string AccountPrefix { get; set; } = "demo-";

    public decimal InitialBalance { get; set; } = 1_000_000m;

    /// <summary>
    /// The simulated symbols, comma-separated (one value, so an environment variable replaces the whole list); the
    /// first one suffers the scripted drops.
    /// </summary>
    public string Symbols { get; set; } = "ACME,GLOBEX,INITECH,UMBRELLA,WAYNE";

    /// <summary><see cref="Symbols"/> as a list, upper-case as the grains key them.</summary>
    public IReadOnlyList<string> SymbolList =>
        Symbols.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToList();

    /// <summary>Fixes the random walk and the event draws; unset, a seed is drawn and logged so a run can be repeated.</summary>
    public int? Seed { get; set; }

    /// <summary>How often every symbol gets a quote (unless it is in a stale gap).</summary>
    public TimeSpan QuoteInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often each strategy looks at the market and its account.</summary>
    public TimeSpan DecisionInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the strategies hold a position before they take it off (the dip buyer waits for its stop or a profit).</summary>
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Standard deviation of a symbol's move over one minute, in percent.</summary>
    public decimal VolatilityPercent { get; set; } = 1m;

    /// <summary>Expected move over one hour, in percent (negative drifts down).</summary>
    public decimal DriftPercent { get; set; } = 0.5m;

    /// <summary>Normal spreads are drawn between these, in basis points of the mid (kept below the engine's spread filter).</summary>
    public decimal MinSpreadBps { get; set; } = 2m;

    public decimal MaxSpreadBps { get; set; } = 6m;

    /// <summary>The spread during a wide-spread episode, in basis points (beyond the engine's filter, 10 bps by default).</summary>
    public decimal WideSpreadBps { get; set; } = 30m;

    public double WideSpreadRate { get; set; } = 0.005;

    public TimeSpan WideSpreadDuration { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>A stale gap: the symbol gets no quote at all for its duration (longer than the engine's quote age, 500 ms by default).</summary>
    public double StaleGapRate { get; set; } = 0.002;

    public TimeSpan StaleGapDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Displayed bid and ask sizes are drawn between these whole numbers; an order beyond them fills in part.</summary>
    public decimal MinSize { get; set; } = 20m;

    public decimal MaxSize { get; set; } = 200m;

    /// <summary>
    /// The scripted events come early, so the first minute shows everything: a wide spread after this, a stale gap
    /// after twice this and the first drop of the first symbol after three times this.
    /// </summary>
    public TimeSpan FirstEventsAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first symbol drops this far (beyond the engine's 2 % stop) ...</summary>
    public decimal ShockDropPercent { get; set; } = 4m;

    /// <summary>... over this long, then recovers (half the drop back every five times this) ...</summary>
    public TimeSpan ShockDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>... again and again at this interval.</summary>
    public TimeSpan ShockEvery { get; set; } = TimeSpan.FromSeconds(30);
}
