using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Accounts;

/// <summary>Order execution: send (pending first), apply venue reports and fills exactly once, persist with the journal.</summary>
public sealed partial class VirtualAccountGrain
{
    private readonly List<VenueFill> _unjournaledFills = [];
    private readonly List<TradeRecord> _unjournaledTrades = [];
    private readonly List<DecisionRecord> _unjournaledDecisions = [];

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
        await PersistAsync();
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

    /// <summary>Applies a venue report to a known order: new fills once each, then the venue's status.</summary>
    private bool ApplyReport(AccountOrder order, VenueOrderReport report)
    {
        var changed = false;
        if (report.Status == OrderStatus.Pending)
        {
            return false; // no acknowledgement: nothing is known yet
        }

        if (order.Status == OrderStatus.Pending && report.Status != OrderStatus.Rejected)
        {
            changed |= order.TransitionTo(OrderStatus.Accepted, report.UpdatedAt);
        }

        foreach (var fill in report.Fills)
        {
            changed |= ApplyFill(order, fill);
        }

        if (report.IsTerminal)
        {
            var note = report.Status == OrderStatus.Rejected ? report.RejectReason : report.CancelReason.ToString();
            changed |= order.TransitionTo(report.Status, report.UpdatedAt, note);
        }

        if (order.IsTerminal)
        {
            ReleaseExit(order);
        }

        return changed;
    }

    /// <summary>Applies one fill exactly once: an entry grows its position; an exit closes positions and realizes PnL.</summary>
    private bool ApplyFill(AccountOrder order, VenueFill fill)
    {
        if (!order.FillIds.Add(fill.FillId))
        {
            return false;
        }

        _unjournaledFills.Add(fill);
        order.FilledQuantity += fill.Quantity;
        order.FilledNotional += fill.Quantity * fill.Price;
        if (order.Purpose == OrderPurpose.Entry)
        {
            GrowPosition(order, fill);
        }
        else
        {
            ReducePositions(order, fill);
        }

        order.TransitionTo(order.FilledQuantity >= order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled, fill.At);
        return true;
    }

    private void GrowPosition(AccountOrder order, VenueFill fill)
    {
        var side = PositionSides.ForEntry(order.Side);
        var position = Account.Positions.FirstOrDefault(p => p.PositionId == order.PositionId);
        if (position is null)
        {
            position = new PositionState
            {
                PositionId = order.PositionId ?? $"P{Account.NextPositionNumber++}",
                Symbol = order.Symbol,
                Side = side,
                OpenedAt = fill.At,
                EntryOrderId = order.OrderId,
                StopLossPercent = order.StopLossPercent,
                TrailingStopPercent = order.TrailingStopPercent,
            };
            Account.Positions.Add(position);
        }

        var quantity = position.Quantity + fill.Quantity;
        position.EntryPrice = (position.Quantity * position.EntryPrice + fill.Quantity * fill.Price) / quantity;
        position.Quantity = quantity;
        position.BestPrice = position.EntryPrice;
        position.StopLossPrice = StopLoss.InitialPrice(side, position.EntryPrice, position.StopLossPercent);
    }

    /// <summary>Closes the order's own position first, then the oldest others; never more than is open (reduce-only).</summary>
    private void ReducePositions(AccountOrder order, VenueFill fill)
    {
        var reducedSide = order.Side == OrderSide.Sell ? PositionSide.Long : PositionSide.Short;
        var targets = Account.Positions
            .Where(p => p.Symbol == order.Symbol && p.Side == reducedSide)
            .OrderBy(p => p.PositionId == order.PositionId ? 0 : 1)
            .ThenBy(p => p.OpenedAt)
            .ToList();
        var remaining = fill.Quantity;
        foreach (var position in targets)
        {
            if (remaining <= 0)
            {
                break;
            }

            var closed = Math.Min(remaining, position.Quantity);
            remaining -= closed;
            order.RealizedPnl += ClosePart(position, closed, fill.Price, fill.At, order.Purpose, order.OrderId, $"{fill.FillId}-{position.PositionId}");
        }

        if (remaining > 0)
        {
            LogOverfill(AccountId, order.OrderId, remaining);
        }
    }

    /// <summary>
    /// Closes part or all of a position at a price: books the PnL into the balance, journals the trade, and counts
    /// the position as one win or loss (on its total PnL) once it is flat. Returns the PnL of this part.
    /// </summary>
    private decimal ClosePart(PositionState position, decimal quantity, decimal price, DateTimeOffset at, OrderPurpose reason,
        string orderId, string tradeId)
    {
        var pnl = Pnl.Of(position.Side, position.EntryPrice, price, quantity);
        position.Quantity -= quantity;
        position.RealizedPnl += pnl;
        if (position.Quantity == 0)
        {
            Account.Positions.Remove(position);
        }

        var unrealizedRest = Account.Positions.Where(p => p.Symbol == position.Symbol).Sum(p => Pnl.Of(p.Side, p.EntryPrice, price, p.Quantity));
        Account.Stats = Performance.Realize(Account.Stats, pnl, unrealizedRest);
        _unjournaledTrades.Add(new TradeRecord(tradeId, AccountId, position.PositionId, position.Symbol,
            position.Side, quantity, position.EntryPrice, price, pnl, reason, orderId, position.OpenedAt, at));
        LogTradeClosed(AccountId, position.PositionId, position.Symbol, quantity, position.EntryPrice, price, pnl, reason);
        if (position.Quantity == 0)
        {
            Account.Stats = Performance.CountOutcome(Account.Stats, position.RealizedPnl, at,
                Options.Governor.CooldownAfterLosses, Options.Governor.CooldownDuration);
        }

        return pnl;
    }

    /// <summary>A finished exit order no longer protects its position: a new stop may fire for what is left.</summary>
    private void ReleaseExit(AccountOrder order)
    {
        foreach (var position in Account.Positions.Where(p => p.ExitOrderId == order.OrderId))
        {
            position.ExitOrderId = null;
        }
    }

    /// <summary>Journal first (idempotent by id), then grain state: after a crash between the two, the replay adds nothing twice.</summary>
    private async Task PersistAsync()
    {
        try
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

            await journal.AppendAsync(new JournalBatch(AccountId, events, [.. _unjournaledFills], [.. _unjournaledTrades], [.. _unjournaledDecisions]));
            foreach (var order in Account.Orders)
            {
                order.JournaledChanges = order.History.Count;
            }

            _unjournaledFills.Clear();
            _unjournaledTrades.Clear();
            _unjournaledDecisions.Clear();
            PruneFinishedOrders();
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Memory now runs ahead of storage: drop this activation so the next call reloads what was stored.
            LogPersistFailed(ex, AccountId);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Finished orders leave state once journaled: the journal answers for them, and state stays the size of what
    /// the next decision needs, however long the account trades.
    /// </summary>
    private void PruneFinishedOrders() => Account.Orders.RemoveAll(o => o.IsTerminal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} closed {PositionId} {Symbol} qty {Quantity} entry {EntryPrice} exit {ExitPrice} pnl {Pnl} ({Reason})")]
    private partial void LogTradeClosed(string accountId, string positionId, string symbol, decimal quantity, decimal entryPrice, decimal exitPrice, decimal pnl, OrderPurpose reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} got no answer from the venue for {OrderId}; reconciliation will settle it")]
    private partial void LogVenueUnreachable(Exception exception, string accountId, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} order {OrderId} filled {Excess} more than was open; the excess is ignored (reduce-only)")]
    private partial void LogOverfill(string accountId, string orderId, decimal excess);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} failed to persist its state; deactivating to reload")]
    private partial void LogPersistFailed(Exception exception, string accountId);
}
