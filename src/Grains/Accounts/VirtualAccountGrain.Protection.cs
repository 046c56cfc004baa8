using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Market;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// Protection of open exposure: stop-losses (pushed quotes plus a safety-net timer), the reconciliation reminder
/// that also revives the account after a restart, and flatten. Stops and flatten ignore every entry rule and
/// every kill-switch state: reducing risk is always allowed.
/// </summary>
public sealed partial class VirtualAccountGrain
{
    private const string ReconciliationReminder = "reconcile";
    private IGrainTimer? _stopTimer;
    private string? _subscribedSymbol;
    private bool _reminderRegistered;

    public async Task OnQuoteAsync(Quote quote)
    {
        if (Account.Positions.Any(p => p.Symbol == quote.Symbol))
        {
            await CheckStopsAsync(quote);
        }
    }

    public async Task OnVenueReportAsync(VenueOrderReport report)
    {
        var order = Account.Orders.FirstOrDefault(o => o.OrderId == report.Order.ClientOrderId);
        if (order is null)
        {
            LogUnknownReport(AccountId, report.Order.ClientOrderId);
            return;
        }

        if (ApplyReport(order, report))
        {
            await PersistAsync();
        }

        await EnsureProtectionAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReconciliationReminder && Account.Created)
        {
            _subscribedSymbol = null; // renew the quote subscription: the market-data grain may have restarted
            await ReconcileAsync();
        }
    }

    public async Task<int> ReconcileAsync()
    {
        if (!Account.Created)
        {
            return 0;
        }

        var report = await venue.GetAccountReportAsync(AccountId, WorkingOrderIds());
        var now = clock.GetUtcNow();
        var repairs = 0;
        var venueOrders = report.Orders.ToDictionary(o => o.Order.ClientOrderId, StringComparer.Ordinal);
        foreach (var order in Account.Orders.Where(o => !o.IsTerminal).ToList())
        {
            if (!venueOrders.TryGetValue(order.OrderId, out var venueOrder))
            {
                order.TransitionTo(OrderStatus.Rejected, now, "Unknown to the venue (reconciliation).");
                ReleaseExit(order);
                LogRepair(AccountId, order.OrderId, "marked rejected: the venue does not know it");
                repairs++;
                continue;
            }

            var fillsBefore = order.FillIds.Count;
            var statusBefore = order.Status;
            ApplyReport(order, venueOrder);
            var repaired = order.FillIds.Count - fillsBefore + (order.Status != statusBefore ? 1 : 0);
            if (repaired > 0)
            {
                LogRepair(AccountId, order.OrderId, $"applied {order.FillIds.Count - fillsBefore} missed fill(s), status {statusBefore} -> {order.Status}");
                repairs += repaired;
            }
        }

        repairs += await AlignPositionsAsync(report, now);
        Account.LastReconciledAt = now;
        Account.ReconciliationRepairs += repairs;
        await PersistAsync();
        await EnsureProtectionAsync();
        return repairs;
    }

    public async Task<int> FlattenAsync()
    {
        if (!Account.Created)
        {
            return 0;
        }

        var closing = Account.Positions.Count;
        var unprotected = Account.Positions.Where(p => p.ExitOrderId is null).ToList();
        foreach (var position in unprotected)
        {
            await SendExitAsync(position, OrderPurpose.Flatten);
        }

        if (unprotected.Count > 0)
        {
            await PersistAsync();
        }

        await EnsureProtectionAsync();
        return closing;
    }

    /// <summary>Checks every unprotected position in the quote's symbol: ratchets trailing stops, fires crossed ones.</summary>
    private async Task CheckStopsAsync(Quote quote)
    {
        Account.Stats = Performance.Mark(Account.Stats, Account.Balance + Account.Positions
            .Where(p => p.Symbol == quote.Symbol).Sum(p => Pnl.Of(p.Side, p.EntryPrice, StopLoss.ExitPrice(p.Side, quote), p.Quantity)));
        var changed = false;
        foreach (var position in Account.Positions.Where(p => p.Symbol == quote.Symbol && p.ExitOrderId is null).ToList())
        {
            if (position.TrailingStopPercent is { } trail)
            {
                var best = position.Side == PositionSide.Long ? Math.Max(position.BestPrice, quote.Bid) : Math.Min(position.BestPrice, quote.Ask);
                var stop = StopLoss.Trail(position.Side, position.StopLossPrice, best, trail);
                changed |= best != position.BestPrice || stop != position.StopLossPrice;
                position.BestPrice = best;
                position.StopLossPrice = stop;
            }

            if (StopLoss.IsTriggered(position.Side, position.StopLossPrice, quote))
            {
                var purpose = position.TrailingStopPercent is null ? OrderPurpose.StopLoss : OrderPurpose.TrailingStop;
                LogStopTriggered(AccountId, position.PositionId, position.Symbol, position.StopLossPrice, quote.Bid, quote.Ask, purpose);
                await SendExitAsync(position, purpose);
                changed = true;
            }
        }

        if (changed)
        {
            await PersistAsync();
        }

        await EnsureProtectionAsync();
    }

    /// <summary>A reduce-only market order for the whole position, working until the position is flat.</summary>
    private async Task SendExitAsync(PositionState position, OrderPurpose purpose)
    {
        var prefix = purpose switch
        {
            OrderPurpose.StopLoss => "stop",
            OrderPurpose.TrailingStop => "trail",
            OrderPurpose.Flatten => "flat",
            _ => "exit",
        };
        var order = NewOrder(NextOrderId(prefix), position.Symbol, PositionSides.ExitSide(position.Side),
            position.Quantity, purpose, TimeInForce.GoodTillCancelled, limitPrice: null, reduceOnly: true, positionId: position.PositionId);
        position.ExitOrderId = order.OrderId;
        await SendOrderAsync(order);
    }

    /// <summary>
    /// Sets each symbol's net position to the venue's, the source of truth for what is held. Quantity the venue no
    /// longer holds is closed as a <c>reconciliation</c> trade; quantity only the venue holds is adopted. Both need a
    /// real price (the quote, else the venue's last fill): without one the repair waits for the next tick.
    /// </summary>
    private async Task<int> AlignPositionsAsync(VenueAccountReport report, DateTimeOffset now)
    {
        var repairs = 0;
        var symbols = report.NetPositions.Keys.Concat(Account.Positions.Select(p => p.Symbol)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var symbol in symbols)
        {
            var target = report.NetPositions.GetValueOrDefault(symbol);
            var held = Account.Positions.Where(p => p.Symbol == symbol).Sum(p => p.SignedQuantity);
            if (target == held)
            {
                continue;
            }

            if (await RepairPriceAsync(symbol, report) is not { } price)
            {
                LogPositionUnpriced(AccountId, symbol, held, target);
                continue;
            }

            LogPositionMismatch(AccountId, symbol, held, target);
            repairs++;
            var sameSide = held != 0 && target != 0 && Math.Sign(held) == Math.Sign(target);
            var excess = held == 0 ? 0m : sameSide ? Math.Max(0m, Math.Abs(held) - Math.Abs(target)) : Math.Abs(held);
            foreach (var position in Account.Positions.Where(p => p.Symbol == symbol).OrderByDescending(p => p.OpenedAt).ToList())
            {
                if (excess <= 0)
                {
                    break;
                }

                var cut = Math.Min(excess, position.Quantity);
                excess -= cut;
                ClosePart(position, cut, price, now, OrderPurpose.Reconciliation, "reconciliation", $"recon-{now.UtcTicks}-{position.PositionId}");
            }

            var missing = Math.Abs(target) - Math.Abs(Account.Positions.Where(p => p.Symbol == symbol).Sum(p => p.SignedQuantity));
            if (target != 0 && missing > 0)
            {
                AdoptPosition(symbol, target > 0 ? PositionSide.Long : PositionSide.Short, missing, price, now);
            }
        }

        return repairs;
    }

    /// <summary>Takes on quantity the venue holds but the account never ordered, at the repair price, with the default stop.</summary>
    private void AdoptPosition(string symbol, PositionSide side, decimal quantity, decimal price, DateTimeOffset now)
    {
        var newest = Account.Positions.Where(p => p.Symbol == symbol && p.Side == side).MaxBy(p => p.OpenedAt);
        if (newest is not null)
        {
            newest.EntryPrice = (newest.Quantity * newest.EntryPrice + quantity * price) / (newest.Quantity + quantity);
            newest.Quantity += quantity;
            return;
        }

        Account.Positions.Add(new PositionState
        {
            PositionId = $"P{Account.NextPositionNumber++}",
            Symbol = symbol,
            Side = side,
            Quantity = quantity,
            EntryPrice = price,
            BestPrice = price,
            StopLossPercent = Options.StopLoss.Percent,
            StopLossPrice = StopLoss.InitialPrice(side, price, Options.StopLoss.Percent),
            OpenedAt = now,
            EntryOrderId = "reconciliation",
        });
    }

    private async Task<decimal?> RepairPriceAsync(string symbol, VenueAccountReport report)
    {
        var quote = await GrainFactory.MarketData(symbol).GetQuoteAsync();
        return quote?.Mid ?? report.Orders.SelectMany(o => o.Fills).Where(f => f.Symbol == symbol).MaxBy(f => f.At)?.Price;
    }

    /// <summary>
    /// Keeps the protection matching the exposure: a stop timer and a quote subscription while positions are open,
    /// a reconciliation reminder while anything is open; all dropped when the account is flat.
    /// </summary>
    private async Task EnsureProtectionAsync()
    {
        var hasPositions = Account.Positions.Count > 0;
        var exposed = hasPositions || Account.Orders.Any(o => !o.IsTerminal);
        if (hasPositions && _stopTimer is null)
        {
            _stopTimer = this.RegisterGrainTimer(CheckStopsOnTimerAsync,
                new GrainTimerCreationOptions(Options.StopLoss.CheckInterval, Options.StopLoss.CheckInterval) { KeepAlive = true });
        }
        else if (!hasPositions && _stopTimer is not null)
        {
            _stopTimer.Dispose();
            _stopTimer = null;
        }

        var symbol = Account.ActiveSymbol;
        if (symbol != _subscribedSymbol)
        {
            if (_subscribedSymbol is not null)
            {
                await GrainFactory.GetGrain<IQuoteSubscriptionGrain>(_subscribedSymbol).UnsubscribeAsync(AccountId);
            }

            if (symbol is not null)
            {
                await GrainFactory.GetGrain<IQuoteSubscriptionGrain>(symbol).SubscribeAsync(AccountId);
            }

            _subscribedSymbol = symbol;
        }

        if (exposed && !_reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(ReconciliationReminder, Options.Reconciliation.Interval, Options.Reconciliation.Interval);
            _reminderRegistered = true;
        }
        else if (!exposed && _reminderRegistered)
        {
            if (await this.GetReminder(ReconciliationReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderRegistered = false;
        }
    }

    private async Task CheckStopsOnTimerAsync()
    {
        if (Account.ActiveSymbol is { } symbol && await GrainFactory.MarketData(symbol).GetQuoteAsync() is { } quote)
        {
            await CheckStopsAsync(quote);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} stop {Purpose} triggered for {PositionId} {Symbol}: stop {StopPrice}, quote {Bid}/{Ask}")]
    private partial void LogStopTriggered(string accountId, string positionId, string symbol, decimal stopPrice, decimal bid, decimal ask, OrderPurpose purpose);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} reconciliation repaired order {OrderId}: {Repair}")]
    private partial void LogRepair(string accountId, string orderId, string repair);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} holds {Held} {Symbol} but the venue says {VenueQuantity}: set to the venue's")]
    private partial void LogPositionMismatch(string accountId, string symbol, decimal held, decimal venueQuantity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} holds {Held} {Symbol} but the venue says {VenueQuantity}, and there is no price to book the difference at; retrying next tick")]
    private partial void LogPositionUnpriced(string accountId, string symbol, decimal held, decimal venueQuantity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} got a report for unknown order {OrderId}; ignored")]
    private partial void LogUnknownReport(string accountId, string orderId);
}
