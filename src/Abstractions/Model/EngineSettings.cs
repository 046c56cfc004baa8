namespace OrleansTrading.Abstractions;

/// <summary>
/// The rules the engine is running with, and whether its trading window is open right now: what an operator's
/// status bar shows. Read from the silo, so the dashboard never carries its own copy.
/// </summary>
/// <param name="DemoMarket">A demo market feeds this engine (<c>Trading:Demo:Enabled</c>).</param>
/// <param name="TradingWindowIgnoredForDemo">
/// The trading window is off because the demo asked for it (<c>Trading:Demo:IgnoreTradingWindow</c>), not because it
/// was configured off; <see cref="TradingWindowEnabled"/> is then false.
/// </param>
[GenerateSerializer, Immutable, Alias("trading.EngineSettings")]
public sealed record EngineSettings(
    [property: Id(0)] decimal MaxSpreadBps,
    [property: Id(1)] decimal MaxSlippageBps,
    [property: Id(2)] TimeSpan MaxQuoteAge,
    [property: Id(3)] int MaxOpenPositions,
    [property: Id(4)] int CooldownAfterLosses,
    [property: Id(5)] TimeSpan CooldownDuration,
    [property: Id(6)] decimal StopLossPercent,
    [property: Id(7)] TimeSpan StopCheckInterval,
    [property: Id(8)] TimeSpan ReconciliationInterval,
    [property: Id(9)] bool TradingWindowEnabled,
    [property: Id(10)] TimeOnly WindowStart,
    [property: Id(11)] TimeOnly WindowEnd,
    [property: Id(12)] string ExchangeTimeZone,
    [property: Id(13)] bool TradingWindowOpen,
    [property: Id(14)] DateTimeOffset ExchangeTime,
    [property: Id(15)] bool DemoMarket = false,
    [property: Id(16)] bool TradingWindowIgnoredForDemo = false,
    [property: Id(17)] LimitDefaults? Limits = null);
