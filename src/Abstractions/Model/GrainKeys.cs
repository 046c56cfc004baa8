namespace OrleansTrading.Abstractions;

/// <summary>Helpers every caller uses so grains are addressed the same way everywhere.</summary>
public static class GrainKeys
{
    /// <summary>Symbols are case-insensitive to users; grains are keyed by the upper-case form.</summary>
    public static string Symbol(string symbol) => symbol.Trim().ToUpperInvariant();

    public static IKillSwitchGrain KillSwitch(this IGrainFactory grains) =>
        grains.Get<IKillSwitchGrain>(KillSwitchKey.Global);

    public static IAccountDirectoryGrain AccountDirectory(this IGrainFactory grains) =>
        grains.Get<IAccountDirectoryGrain>(AccountDirectoryKey.Global);

    public static IMarketDataGrain MarketData(this IGrainFactory grains, string symbol) =>
        grains.Get<IMarketDataGrain>(Symbol(symbol));

    public static IEngineInfoGrain EngineInfo(this IGrainFactory grains) =>
        grains.Get<IEngineInfoGrain>(0);

    public static IActivityHubGrain ActivityHub(this IGrainFactory grains) =>
        grains.Get<IActivityHubGrain>(0);

    /// <summary>The decisions feed is stateless: key 0 reaches whichever local worker is free.</summary>
    public static IDecisionFeedGrain DecisionFeed(this IGrainFactory grains) =>
        grains.Get<IDecisionFeedGrain>(0);

    /// <summary>The portfolio view and its daily-loss automation: one per cluster (key 0).</summary>
    public static IPortfolioGrain Portfolio(this IGrainFactory grains) =>
        grains.Get<IPortfolioGrain>(0);

    public static IVirtualAccountGrain Account(this IGrainFactory grains, string accountId) =>
        grains.Get<IVirtualAccountGrain>(accountId);
}
