using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Accounts;

/// <summary>An order as the account tracks it, with every status change timestamped.</summary>
[GenerateSerializer, Alias("trading.AccountOrder")]
public sealed class AccountOrder
{
    [Id(0)] public string OrderId { get; set; } = "";
    [Id(1)] public string Symbol { get; set; } = "";
    [Id(2)] public OrderSide Side { get; set; }
    [Id(3)] public decimal Quantity { get; set; }
    [Id(4)] public decimal? LimitPrice { get; set; }
    [Id(5)] public bool ReduceOnly { get; set; }
    [Id(6)] public TimeInForce TimeInForce { get; set; }
    [Id(7)] public OrderPurpose Purpose { get; set; }

    /// <summary>Entry: the position it opens. Stop/flatten: the position it closes. Signal closes: null (oldest first).</summary>
    [Id(8)] public string? PositionId { get; set; }
    [Id(9)] public OrderStatus Status { get; set; }
    [Id(10)] public decimal FilledQuantity { get; set; }
    [Id(11)] public decimal FilledNotional { get; set; }
    [Id(12)] public DateTimeOffset CreatedAt { get; set; }
    [Id(13)] public List<OrderStatusChange> History { get; set; } = [];

    /// <summary>How many <see cref="History"/> entries are already in the journal.</summary>
    [Id(14)] public int JournaledChanges { get; set; }

    /// <summary>Entries only: the stop distance and trailing percent the position gets when this order fills.</summary>
    [Id(15)] public decimal StopLossPercent { get; set; }
    [Id(16)] public decimal? TrailingStopPercent { get; set; }

    /// <summary>Venue fill ids already applied, so a fill reported twice (push and reconciliation) counts once.</summary>
    [Id(17)] public HashSet<string> FillIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The signal that sent this order, if any: a retried signal resumes its order instead of sending another.</summary>
    [Id(18)] public string? SignalId { get; set; }

    /// <summary>Exits: PnL realized by this order's fills so far.</summary>
    [Id(19)] public decimal RealizedPnl { get; set; }

    /// <summary>
    /// The decision for <see cref="SignalId"/> reached grain state with this order. While false, any journaled
    /// decision for that signal was never acknowledged (the state write after it failed), so a retry resumes the order.
    /// </summary>
    [Id(30)] public bool DecisionAcknowledged { get; set; }

    public decimal? AveragePrice => FilledQuantity == 0 ? null : FilledNotional / FilledQuantity;

    public bool IsTerminal => Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected;

    public decimal Remaining => IsTerminal ? 0m : Quantity - FilledQuantity;

    public VenueOrder ToVenueOrder(string accountId) =>
        new(accountId, OrderId, Symbol, Side, Quantity, LimitPrice, ReduceOnly, TimeInForce);

    public OrderSnapshot ToSnapshot() =>
        new(OrderId, Symbol, Side, Quantity, FilledQuantity, AveragePrice, LimitPrice, ReduceOnly, Purpose, Status, CreatedAt,
            History.Count == 0 ? CreatedAt : History[^1].At, PositionId, SignalId);

    /// <summary>Moves to a new status (never out of a terminal one) and records the change.</summary>
    public bool TransitionTo(OrderStatus status, DateTimeOffset at, string? note = null)
    {
        if (status == Status || IsTerminal)
        {
            return false;
        }

        Status = status;
        History.Add(new OrderStatusChange(status, at, FilledQuantity, note));
        return true;
    }
}
