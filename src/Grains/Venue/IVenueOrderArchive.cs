using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Venue;

/// <summary>The paper venue's finished orders, out of its grain state: append-only, idempotent by client order id.</summary>
public interface IVenueOrderArchive
{
    /// <summary>Stores finished orders in one transaction; an order already stored is left as it is.</summary>
    Task AppendAsync(string accountId, IReadOnlyCollection<VenueOrderReport> finished, CancellationToken cancellationToken = default);

    /// <summary>The stored reports among the given client order ids (unknown ids are absent from the result).</summary>
    Task<IReadOnlyList<VenueOrderReport>> FindAsync(string accountId, IReadOnlyCollection<string> clientOrderIds, CancellationToken cancellationToken = default);
}
