using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Exposure;

/// <summary>
/// The gross notional open in one symbol across every account (key = symbol): each account's exposure there, set by
/// the account itself. An entry reserves its notional here before its order leaves, so two accounts racing for the last
/// room are decided one after the other; the room in every symbol together is leased from <see cref="IGrossExposureGrain"/>
/// in chunks, so a signal rarely needs more than this one grain.
/// </summary>
[Alias("trading.ISymbolExposureGrain")]
public interface ISymbolExposureGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sets the account's exposure in this symbol to <paramref name="exposure"/> if the symbol's and the gross limit
    /// allow it; an increase they do not allow changes nothing and says which limit and by how much.
    /// </summary>
    [Alias("TryReserveAsync")]
    Task<ExposureVerdict> TryReserveAsync(string accountId, decimal exposure);

    /// <summary>Sets the account's exposure unconditionally: releases (fills below the reservation, cancels, closes) and repairs.</summary>
    [Alias("SetAsync")]
    Task SetAsync(string accountId, decimal exposure);

    [ReadOnly, AlwaysInterleave, Alias("GetAsync")]
    Task<SymbolExposure> GetAsync();

    /// <summary>
    /// Hands back the leased room this symbol does not use and returns the lease it keeps. Interleaves: the gross grain
    /// asks while this grain may itself be waiting for it. A grain waiting for a lease keeps what it has.
    /// </summary>
    [AlwaysInterleave, Alias("ReturnIdleRoomAsync")]
    Task<decimal> ReturnIdleRoomAsync();
}

/// <summary>A reservation's answer: granted, or refused with the <c>portfolioExposure</c> detail.</summary>
[GenerateSerializer, Immutable, Alias("trading.ExposureVerdict")]
public sealed record ExposureVerdict(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? Detail = null)
{
    public static ExposureVerdict Yes { get; } = new(true);
}
