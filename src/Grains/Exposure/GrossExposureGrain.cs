using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Exposure;

[GenerateSerializer, Alias("trading.GrossExposureState")]
public sealed class GrossExposureState
{
    /// <summary>Each symbol's leased room under the gross limit.</summary>
    [Id(0)] public Dictionary<string, decimal> Leases { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>See <see cref="IGrossExposureGrain"/>. Every lease change is stored before it is answered.</summary>
public sealed partial class GrossExposureGrain(
    [PersistentState("grossExposure", StorageNames.Trading)] IPersistentState<GrossExposureState> state,
    IOptions<TradingOptions> options,
    ILogger<GrossExposureGrain> logger) : Grain, IGrossExposureGrain
{
    private Dictionary<string, decimal> Leases => state.State.Leases;

    private decimal MaxGross => options.Value.Limits.Portfolio.MaxGrossExposure;

    public async Task<LeaseGrant> RequestAsync(string symbol, decimal currentLease, decimal minimumLease, decimal preferredLease)
    {
        Leases[symbol] = currentLease;
        var others = OthersLeased(symbol);
        if (others + minimumLease > MaxGross)
        {
            others = await ReclaimIdleRoomAsync(symbol);
        }

        var lease = others + preferredLease <= MaxGross ? preferredLease
            : others + minimumLease <= MaxGross ? minimumLease
            : currentLease;
        Leases[symbol] = lease;
        await state.WriteStateAsync();
        if (lease < minimumLease)
        {
            LogRefused(symbol, minimumLease, others, MaxGross);
        }

        return new LeaseGrant(lease, others);
    }

    public async Task SetLeaseAsync(string symbol, decimal lease)
    {
        if (Leases.GetValueOrDefault(symbol) == lease)
        {
            return;
        }

        if (lease > 0)
        {
            Leases[symbol] = lease;
        }
        else
        {
            Leases.Remove(symbol);
        }

        await state.WriteStateAsync();
    }

    public Task<decimal> GetLeaseAsync(string symbol) => Task.FromResult(Leases.GetValueOrDefault(symbol));

    public Task<IReadOnlyDictionary<string, decimal>> GetLeasesAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, decimal>>(new Dictionary<string, decimal>(Leases, StringComparer.Ordinal));

    private decimal OthersLeased(string symbol) => Leases.Where(l => l.Key != symbol).Sum(l => l.Value);

    /// <summary>Asks every other symbol for the room it leases but does not use; returns the others' leases after.</summary>
    private async Task<decimal> ReclaimIdleRoomAsync(string symbol)
    {
        var others = Leases.Where(l => l.Key != symbol && l.Value > 0).Select(l => l.Key).ToList();
        var kept = await Task.WhenAll(others.Select(s => GrainFactory.SymbolExposure(s).ReturnIdleRoomAsync()));
        for (var i = 0; i < others.Count; i++)
        {
            Leases[others[i]] = kept[i];
        }

        return OthersLeased(symbol);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Gross exposure: {Symbol} needs a lease of {Needed} but the other symbols lease {Others} of {MaxGross}")]
    private partial void LogRefused(string symbol, decimal needed, decimal others, decimal maxGross);
}
