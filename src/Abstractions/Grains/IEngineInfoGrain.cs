namespace OrleansTrading.Abstractions;

/// <summary>The engine's settings and trading-window state, for status displays.</summary>
[Alias("trading.IEngineInfoGrain")]
public interface IEngineInfoGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("GetSettingsAsync")]
    Task<EngineSettings> GetSettingsAsync();
}
