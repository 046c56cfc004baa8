namespace OrleansTrading.DemoMarket.Market;

public enum MarketEventKind
{
    /// <summary>The spread blows out beyond the engine's filter for a while (<see cref="MarketEvent.Size"/> in bps).</summary>
    WideSpread,

    /// <summary>The symbol's feed goes quiet: no quote for a while, so the last one turns stale.</summary>
    StaleGap,

    /// <summary>The price falls by <see cref="MarketEvent.Size"/> percent over the duration, then recovers.</summary>
    Drop,
}

/// <summary>Something unusual the simulator starts: logged once, and counted by the tests.</summary>
public sealed record MarketEvent(MarketEventKind Kind, string Symbol, DateTimeOffset At, TimeSpan Duration, decimal Size);
