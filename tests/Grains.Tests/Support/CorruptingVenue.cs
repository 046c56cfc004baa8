using System.Collections.Concurrent;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>
/// The paper venue, except that the answer to one order can be made to carry an absurd fill price: a venue bug the
/// account cannot rule out, and a way to force an overflow deep inside a decision after the order has left. The
/// venue's own book keeps the real fill, so a later question gets the truth.
/// </summary>
public sealed class CorruptingVenue(IGrainFactory grains) : IVenue
{
    private readonly PaperVenue _venue = new(grains);
    private readonly ConcurrentDictionary<string, decimal> _corruptNext = new(StringComparer.Ordinal);

    /// <summary>The next order this account submits is answered with every fill at <paramref name="price"/>.</summary>
    public void CorruptNextAnswer(string accountId, decimal price) => _corruptNext[accountId] = price;

    public async Task<VenueOrderReport> SubmitAsync(VenueOrder order)
    {
        var report = await _venue.SubmitAsync(order);
        return _corruptNext.TryRemove(order.AccountId, out var price)
            ? report with { Fills = [.. report.Fills.Select(f => f with { Price = price })] }
            : report;
    }

    public Task<VenueAccountReport> GetAccountReportAsync(string accountId, IReadOnlyCollection<string> clientOrderIds) =>
        _venue.GetAccountReportAsync(accountId, clientOrderIds);
}
