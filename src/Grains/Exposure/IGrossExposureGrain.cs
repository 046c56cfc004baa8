namespace OrleansTrading.Grains.Exposure;

/// <summary>
/// The room under <c>Portfolio:MaxGrossExposure</c>, leased to the symbol grains (key 0). The leases together never
/// exceed the limit and each symbol's lease covers what it uses, so the gross exposure never exceeds it either. Leases
/// are stored, so after a restart room a symbol uses is never handed to another. A symbol grain asks only when its
/// lease runs out: per chunk of a tenth of the smaller limit, not per signal.
/// </summary>
[Alias("trading.IGrossExposureGrain")]
public interface IGrossExposureGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records <paramref name="currentLease"/> as the symbol's lease and raises it to <paramref name="preferredLease"/>,
    /// or failing that to <paramref name="minimumLease"/>, if the others' leases leave room (idle room is reclaimed from
    /// them first).
    /// </summary>
    [Alias("RequestAsync")]
    Task<LeaseGrant> RequestAsync(string symbol, decimal currentLease, decimal minimumLease, decimal preferredLease);

    /// <summary>Records the symbol's lease as it is now: after it handed room back, or after a repair raised its use above it.</summary>
    [Alias("SetLeaseAsync")]
    Task SetLeaseAsync(string symbol, decimal lease);

    /// <summary>The symbol's recorded lease. Interleaves: a symbol grain asks while activating, maybe while this grain waits for it.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetLeaseAsync")]
    Task<decimal> GetLeaseAsync(string symbol);

    /// <summary>Every symbol holding a lease (the symbols with exposure are among them).</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetLeasesAsync")]
    Task<IReadOnlyDictionary<string, decimal>> GetLeasesAsync();
}

/// <summary>The symbol's lease after a request, and the others' leases when it was decided (for a refusal's detail).</summary>
[GenerateSerializer, Immutable, Alias("trading.LeaseGrant")]
public sealed record LeaseGrant(
    [property: Id(0)] decimal Lease,
    [property: Id(1)] decimal OthersLeased);
