using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Journal;

/// <summary>An order's state at one status change, as the journal records it.</summary>
public sealed record OrderEvent(string AccountId, int Seq, OrderSnapshot Order, string? Note, DateTimeOffset At);

/// <summary>What one account turn appends to the journal, written in one transaction.</summary>
public sealed record JournalBatch(
    string AccountId,
    IReadOnlyList<OrderEvent> OrderEvents,
    IReadOnlyList<VenueFill> Fills,
    IReadOnlyList<TradeRecord> Trades,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<LimitEvent>? LimitEvents = null)
{
    public bool IsEmpty => OrderEvents.Count == 0 && Fills.Count == 0 && Trades.Count == 0 && Decisions.Count == 0 && (LimitEvents?.Count ?? 0) == 0;

    /// <summary>Nothing but order status changes: what an account may leave for its next write (see its persist).</summary>
    public bool HasOnlyOrderEvents => Fills.Count == 0 && Trades.Count == 0 && Decisions.Count == 0 && (LimitEvents?.Count ?? 0) == 0;
}
