using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// The engine-internal side of a virtual account (same grain as <see cref="IVirtualAccountGrain"/>): what market data,
/// the venue and the kill-switch tell it. Not part of the public contract.
/// </summary>
[Alias("trading.IAccountFeedGrain")]
public interface IAccountFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// A quote for a symbol the account holds that its watch asked for (see <c>QuoteWatch</c>). One-way on purpose: a
    /// slow account must never hold up the quote publisher; a push lost while it still matters is sent again by the
    /// symbol's stop-index sweep within two check intervals.
    /// </summary>
    [OneWay, Alias("OnQuoteAsync")]
    Task OnQuoteAsync(Quote quote);

    /// <summary>An order report pushed by the venue (fills of working orders). Applying it twice changes nothing.</summary>
    [Alias("OnVenueReportAsync")]
    Task OnVenueReportAsync(VenueOrderReport report);

    /// <summary>Reconciles with the venue now (the reminder does this every interval); returns the repairs made.</summary>
    [Alias("ReconcileAsync")]
    Task<int> ReconcileAsync();

    /// <summary>
    /// The account's gross notional in a symbol: open positions at their entry price, entries in flight at their limit
    /// price. Interleaves: the symbol's exposure grain asks while rebuilding, possibly while this account waits for it.
    /// </summary>
    [ReadOnly, AlwaysInterleave, Alias("GetExposureAsync")]
    Task<decimal> GetExposureAsync(string symbol);

    /// <summary>The account's trading day, starting equity and equity for the portfolio; null when it does not exist. Interleaves.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetDayFiguresAsync")]
    Task<Portfolio.AccountDayFigures?> GetDayFiguresAsync();

    /// <summary>Leaves its reconciliation shard's list if it has no exposure (asked by the shard after a flat while); true if it left.</summary>
    [Alias("ReleaseMonitoringAsync")]
    Task<bool> ReleaseMonitoringAsync();

    /// <summary>Sends reduce-only orders closing every open position; returns how many positions are closing.</summary>
    [Alias("FlattenAsync")]
    Task<int> FlattenAsync();
}
