using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Venue;

/// <summary>The simulated venue's book for one account (key = account id), persisted independently of the account.</summary>
[Alias("trading.IPaperVenueGrain")]
public interface IPaperVenueGrain : IGrainWithStringKey
{
    [Alias("SubmitAsync")]
    Task<VenueOrderReport> SubmitAsync(VenueOrder order);

    [ReadOnly, Alias("GetReportAsync")]
    Task<VenueAccountReport> GetReportAsync();

    /// <summary>The venue cancels every working order on its own (session end, risk breach), telling no one.</summary>
    [Alias("CancelAllWorkingAsync")]
    Task<int> CancelAllWorkingAsync(string reason);
}
