using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Journal;

/// <summary>The append-only record of orders, fills and closed trades.</summary>
public interface ITradeJournal
{
    /// <summary>Appends a batch atomically; rows whose id is already present are skipped, so retries are harmless.</summary>
    Task AppendAsync(JournalBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest number N among the account's journaled order ids (<c>prefix-N</c>), or 0. The journal is written
    /// before grain state, so after a failed state write it can be ahead: ids must continue past it, never reuse it.
    /// </summary>
    Task<long> GetHighestOrderNumberAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Orders of an account in their latest state, newest first, each with its status history.</summary>
    Task<Page<OrderHistory>> GetOrdersAsync(string accountId, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>Closed trades of an account, newest first.</summary>
    Task<Page<TradeRecord>> GetTradesAsync(string accountId, int offset, int limit, CancellationToken cancellationToken = default);
}
