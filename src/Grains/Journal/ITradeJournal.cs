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

    /// <summary>Decisions of an account, newest first, optionally of one status.</summary>
    Task<Page<DecisionRecord>> GetDecisionsAsync(string accountId, int offset, int limit, SignalStatus? status, CancellationToken cancellationToken = default);

    /// <summary>The decision the account made for a signal id, if it ever decided one: the durable idempotency record.</summary>
    Task<DecisionRecord?> FindDecisionAsync(string accountId, string signalId, CancellationToken cancellationToken = default);

    /// <summary>What the risk limits did to an account (tripped, changed, reset), newest first.</summary>
    Task<IReadOnlyList<LimitEvent>> GetLimitEventsAsync(string accountId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The latest decisions across all accounts, newest first.</summary>
    Task<IReadOnlyList<DecisionRecord>> GetLatestDecisionsAsync(int limit, CancellationToken cancellationToken = default);
}
