using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Venue;

/// <summary>The <see cref="IVenue"/> adapter for the simulated venue: one <see cref="IPaperVenueGrain"/> per account.</summary>
public sealed class PaperVenue(IGrainFactory grains) : IVenue
{
    public Task<VenueOrderReport> SubmitAsync(VenueOrder order) =>
        grains.Get<IPaperVenueGrain>(order.AccountId).SubmitAsync(order);

    public Task<VenueAccountReport> GetAccountReportAsync(string accountId, IReadOnlyCollection<string> clientOrderIds) =>
        grains.Get<IPaperVenueGrain>(accountId).GetReportAsync(clientOrderIds);
}
