using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Venue;

/// <summary>The simulated venue's book for one account (key = account id), persisted independently of the account.</summary>
[Alias("trading.IPaperVenueGrain")]
public interface IPaperVenueGrain : IGrainWithStringKey
{
    [Alias("SubmitAsync")]
    Task<VenueOrderReport> SubmitAsync(VenueOrder order);

    /// <summary>Working orders, the most recent finished ones and the net positions.</summary>
    [ReadOnly, Alias("GetReportAsync")]
    Task<VenueAccountReport> GetReportAsync();

    /// <summary>As <see cref="GetReportAsync()"/>, plus the named orders however long ago they finished.</summary>
    [ReadOnly, Alias("GetReportWithOrdersAsync")]
    Task<VenueAccountReport> GetReportAsync(IReadOnlyCollection<string> clientOrderIds);

    /// <summary>The venue cancels every working order on its own (session end, risk breach), telling no one.</summary>
    [Alias("CancelAllWorkingAsync")]
    Task<int> CancelAllWorkingAsync(string reason);
}
