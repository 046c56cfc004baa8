using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Orders;
using OrleansTrading.Grains.Positions;
using OrleansTrading.Grains.Rules;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Accounts;

/// <summary>Order execution: send (pending first), apply venue reports and fills exactly once, persist with the journal.</summary>
public sealed partial class VirtualAccountGrain
{
    private readonly List<VenueFill> _unjournaledFills = [];
    private readonly List<TradeRecord> _unjournaledTrades = [];
    private readonly List<DecisionRecord> _unjournaledDecisions = [];

    private PositionBook Book => new(AccountId, Account.Positions);

    private string NewPositionId() => $"P{Account.NextPositionNumber++}";

    private AccountOrder NewOrder(string orderId, string symbol, OrderSide side, decimal quantity, OrderPurpose purpose,
        TimeInForce timeInForce, decimal? limitPrice, bool reduceOnly, string? positionId)
    {
        var now = clock.GetUtcNow();
        var order = new AccountOrder
        {
            OrderId = orderId,
            Symbol = symbol,
            Side = side,
            Quantity = quantity,
            LimitPrice = limitPrice,
            ReduceOnly = reduceOnly,
            TimeInForce = timeInForce,
            Purpose = purpose,
            PositionId = positionId,
            Status = OrderStatus.Pending,
            CreatedAt = now,
        };
        order.History.Add(new OrderStatusChange(OrderStatus.Pending, now, 0m));
        return order;
    }

    /// <summary>
    /// Records the order as pending and persists it before the venue sees it, so a crash at any point leaves an
    /// order that reconciliation can settle; then sends it and applies whatever the venue answered. The caller
    /// persists that answer together with the rest of its turn (one write, not two).
    /// </summary>
    private async Task SendOrderAsync(AccountOrder order)
    {
        if (Account.Orders.Any(o => o.OrderId == order.OrderId))
        {
            throw new InvalidOperationException($"Order {order.OrderId} already exists: an order id is never sent twice.");
        }

        Account.Orders.Add(order);
        // What must be durable before the venue sees the order is the order in state. Its journal entry waits for the
        // write that follows the venue's answer (one commit fewer per order): until then state counts it unjournaled,
        // so a crash in between only delays it to the next write.
        await PersistAsync(deferOrderEvents: true);
        // Arm reconciliation before the venue sees the order: if this turn dies after the venue fills, the
        // reminder still revives the account, which then learns the fill and protects the position.
        await EnsureProtectionAsync();
        await ResendAsync(order);
    }

    /// <summary>Sends (or re-sends: the venue answers a known id with its report) and applies the answer.</summary>
    private async Task ResendAsync(AccountOrder order)
    {
        VenueOrderReport report;
        try
        {
            report = await venue.SubmitAsync(order.ToVenueOrder(AccountId));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // No answer is not a "no": the order may have reached the venue. Reconciliation decides.
            LogVenueUnreachable(ex, AccountId, order.OrderId);
            return;
        }

        ApplyReport(order, report);
    }

    /// <summary>Applies a venue report to a known order: the tracker takes new fills once each, the book applies them.</summary>
    private bool ApplyReport(AccountOrder order, VenueOrderReport report)
    {
        var applied = OrderTracker.ApplyReport(order, report);
        foreach (var fill in applied.NewFills)
        {
            BookFill(order, fill);
        }

        if (order.IsTerminal)
        {
            ReleaseExit(order);
        }

        return applied.Changed;
    }

    /// <summary>A fill seen for the first time: the position book grows or reduces positions; closed parts are booked.</summary>
    private void BookFill(AccountOrder order, VenueFill fill)
    {
        _unjournaledFills.Add(fill);
        var change = Book.ApplyFill(order, fill, NewPositionId);
        order.RealizedPnl += change.RealizedPnl;
        Record(change, fill.Price, fill.At);
        if (change.Excess > 0)
        {
            LogOverfill(AccountId, order.OrderId, change.Excess);
        }
    }

    /// <summary>
    /// Books what the position book closed: PnL into the balance (equity marked at <paramref name="price"/>), each
    /// flat position as one win or loss, and the trades into the journal.
    /// </summary>
    private void Record(BookChange change, decimal price, DateTimeOffset at)
    {
        if (change.Trades.Count == 0)
        {
            return;
        }

        var unrealizedRest = Book.UnrealizedPnl(change.Trades[0].Symbol, price);
        Account.Stats = change.ApplyTo(Account.Stats, unrealizedRest, at, Options.Governor.CooldownAfterLosses, Options.Governor.CooldownDuration);
        foreach (var flat in change.Flattened)
        {
            var closing = change.Trades.Last(t => t.PositionId == flat.PositionId);
            if (StopLossGuard.IsStopOut(closing.Reason, flat.RealizedPnl))
            {
                NoteStopOut(closing.Symbol, at);
            }
        }

        foreach (var trade in change.Trades)
        {
            _unjournaledTrades.Add(trade);
            LogTradeClosed(AccountId, trade.PositionId, trade.Symbol, trade.Quantity, trade.EntryPrice, trade.ExitPrice, trade.Pnl, trade.Reason);
        }
    }

    /// <summary>A finished exit order no longer protects its position: a new stop may fire for what is left.</summary>
    private void ReleaseExit(AccountOrder order) => Book.ReleaseExit(order.OrderId);

    /// <summary>
    /// Journal first (idempotent by id), then grain state: after a crash between the two, the replay adds nothing twice.
    /// Both are queued at once in one <see cref="WriteSequence"/> (the state write runs only behind a stored journal
    /// batch), so the turn waits for the writer once. With <paramref name="deferOrderEvents"/> and nothing but order
    /// changes to journal, only state is written: the order changes stay counted as unjournaled in it and go with the
    /// next write.
    /// </summary>
    private async Task PersistAsync(bool deferOrderEvents = false)
    {
        try
        {
            var events = UnjournaledOrderEvents();
            var batch = new JournalBatch(AccountId, events, [.. _unjournaledFills], [.. _unjournaledTrades], [.. _unjournaledDecisions],
                [.. _unjournaledLimitEvents]);
            var deferred = deferOrderEvents && batch.HasOnlyOrderEvents;
            if (deferred)
            {
                batch = batch with { OrderEvents = [] };
            }

            await WriteSequence.InOrderAsync(
                () => batch.IsEmpty ? Task.CompletedTask : journal.AppendAsync(batch),
                () => StoreStateAsync(orderEventsJournaled: !deferred));

            PostReconciliationMark();
            PublishActivity(batch.Decisions);
        }
        catch (Exception ex)
        {
            // Memory now runs ahead of storage: drop this activation so the next call reloads what was stored.
            LogPersistFailed(ex, AccountId);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>State as of the journal batch just queued (its rows no longer unjournaled), written behind it.</summary>
    private Task StoreStateAsync(bool orderEventsJournaled)
    {
        if (orderEventsJournaled)
        {
            foreach (var order in Account.Orders)
            {
                order.JournaledChanges = order.History.Count;
            }
        }

        _unjournaledFills.Clear();
        _unjournaledTrades.Clear();
        _unjournaledDecisions.Clear();
        _unjournaledLimitEvents.Clear();
        PruneFinishedOrders();
        return state.WriteStateAsync();
    }

    /// <summary>Every order status change not in the journal yet, as journal rows.</summary>
    private List<OrderEvent> UnjournaledOrderEvents()
    {
        var events = new List<OrderEvent>();
        foreach (var order in Account.Orders.Where(o => o.JournaledChanges < o.History.Count))
        {
            var snapshot = order.ToSnapshot();
            for (var seq = order.JournaledChanges; seq < order.History.Count; seq++)
            {
                var change = order.History[seq];
                events.Add(new OrderEvent(AccountId, seq, snapshot with
                {
                    Status = change.Status,
                    FilledQuantity = change.FilledQuantity,
                    UpdatedAt = change.At,
                }, change.Note, change.At));
            }
        }

        return events;
    }

    /// <summary>
    /// Finished orders leave state once journaled: the journal answers for them, and state stays the size of what
    /// the next decision needs, however long the account trades. A signal's order whose decision never reached state
    /// (the decision failed after the order left) stays until a retry of that signal answers from it: dropped, the
    /// retry would find neither order nor decision and send a second order.
    /// </summary>
    private void PruneFinishedOrders() => Account.Orders.RemoveAll(o =>
        o.IsTerminal && o.JournaledChanges == o.History.Count && (o.SignalId is null || o.DecisionAcknowledged));

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} closed {PositionId} {Symbol} qty {Quantity} entry {EntryPrice} exit {ExitPrice} pnl {Pnl} ({Reason})")]
    private partial void LogTradeClosed(string accountId, string positionId, string symbol, decimal quantity, decimal entryPrice, decimal exitPrice, decimal pnl, OrderPurpose reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} got no answer from the venue for {OrderId}; reconciliation will settle it")]
    private partial void LogVenueUnreachable(Exception exception, string accountId, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} order {OrderId} filled {Excess} more than was open; the excess is ignored (reduce-only)")]
    private partial void LogOverfill(string accountId, string orderId, decimal excess);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} failed to persist its state; deactivating to reload")]
    private partial void LogPersistFailed(Exception exception, string accountId);
}
