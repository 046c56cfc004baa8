using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Market;
using OrleansTrading.Grains.Positions;
using OrleansTrading.Grains.Reconciliation;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// Protection of open exposure: stop-losses (watched by the symbol's stop index, which pushes the quotes that reach a
/// stop, move a trailing stop or set a new high or low), reconciliation (by the account's shard, whose reminder also
/// revives the account after a restart), and flatten. Stops and flatten ignore every entry rule and
/// every kill-switch state: reducing risk is always allowed. They act only on fresh quotes: a stop never fires on a
/// stale one, and the venue fills nothing from one, so an exit waits for a fresh quote and then goes at its price.
/// </summary>
public sealed partial class VirtualAccountGrain
{
    /// <summary>The per-account reminder of earlier releases: replaced by the reconciliation shards, dropped at its first tick.</summary>
    private const string LegacyReconciliationReminder = "reconcile";

    /// <summary>The watches registered with each held symbol's stop index, as last sent (memory: re-sent on activation).</summary>
    private readonly Dictionary<string, QuoteWatch> _watches = new(StringComparer.Ordinal);

    /// <summary>Listed with its reconciliation shard (memory: an activation with exposure asks once; listing twice writes nothing).</summary>
    private bool _monitored;

    private ReconciliationBoard? _board;

    private ReconciliationBoard Board => _board ??= ServiceProvider.GetRequiredService<ReconciliationBoard>();

    /// <summary>Positions whose stop a stale quote crosses, already logged as waiting (memory only: it is just for the log).</summary>
    private readonly HashSet<string> _waitingStops = new(StringComparer.Ordinal);

    public async Task OnQuoteAsync(Quote quote)
    {
        if (Account.Positions.Any(p => p.Symbol == quote.Symbol))
        {
            await CheckStopsAsync(quote);
        }
        else if (!_watches.ContainsKey(quote.Symbol))
        {
            // A watch this account no longer needs, read back after a restart (its removal was lost in a crash): drop it.
            await GrainFactory.Get<IQuoteSubscriptionGrain>(quote.Symbol).UnwatchAsync(AccountId);
        }
    }

    public Task OnVenueReportAsync(VenueOrderReport report) => AtomicallyAsync(() => ApplyPushedReportAsync(report));

    private async Task ApplyPushedReportAsync(VenueOrderReport report)
    {
        var order = Account.Orders.FirstOrDefault(o => o.OrderId == report.Order.ClientOrderId);
        if (order is null)
        {
            LogUnknownReport(AccountId, report.Order.ClientOrderId);
            return;
        }

        var changed = ApplyReport(order, report);
        changed |= await ApplyLimitsAsync(null); // fills book PnL: the daily loss or the drawdown may be reached now
        if (changed)
        {
            await PersistAsync();
        }

        await EnsureProtectionAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == LegacyReconciliationReminder)
        {
            if (await this.GetReminder(LegacyReconciliationReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            await ReconcileAsync(); // lists the account with its shard if it has exposure
        }
    }

    /// <summary>Asked by the shard after the account has been flat for a while: leaves the list unless it trades again.</summary>
    public async Task<bool> ReleaseMonitoringAsync()
    {
        if (IsExposed)
        {
            return false;
        }

        await GrainFactory.Shard(AccountId).ReleaseAsync(AccountId);
        _monitored = false;
        return true;
    }

    /// <summary>What the shard's sweep compares with the venue's: posted after each write and on activation (see the board).</summary>
    private void PostReconciliationMark() => Board.MarkAccount(AccountId, Account.Orders.Any(o => !o.IsTerminal),
        ReconciliationBoard.Nets(Account.Positions, p => p.Symbol, p => p.SignedQuantity));

    /// <summary>
    /// Plans the repairs against the venue's report and applies them. State is written only when a repair changed
    /// something: <see cref="VirtualAccountState.LastReconciledAt"/> alone is kept in memory (snapshots show it) and
    /// stored with the next real change, so a quiet reminder tick costs no write.
    /// </summary>
    public Task<int> ReconcileAsync() => AtomicallyAsync(ReconcileNowAsync);

    private async Task<int> ReconcileNowAsync()
    {
        if (!Account.Created)
        {
            return 0;
        }

        var report = await venue.GetAccountReportAsync(AccountId, WorkingOrderIds());
        var now = clock.GetUtcNow();
        var repairs = 0;
        foreach (var repair in ReconciliationPlanner.Plan(Account.Orders, Account.Positions, report))
        {
            repairs += repair switch
            {
                RejectUnknownOrder unknown => RejectUnknown(unknown, now),
                ApplyVenueReport missed => ApplyMissed(missed),
                AlignPosition align => await AlignPositionAsync(align, report, now),
                _ => throw new InvalidOperationException($"Unknown repair {repair}."),
            };
        }

        Account.LastReconciledAt = now;
        var limitsChanged = await ApplyLimitsAsync(null);
        if (repairs > 0)
        {
            Account.ReconciliationRepairs += repairs;
        }

        if (repairs > 0 || limitsChanged)
        {
            await PersistAsync();
        }

        metrics.Repaired(repairs); // once stored: a failed write is repaired (and counted) by the next pass

        await EnsureProtectionAsync();
        return repairs;
    }

    public Task<int> FlattenAsync() => AtomicallyAsync(FlattenNowAsync);

    /// <summary>
    /// Sends the exits whatever the quote: a stale one does not stop them, the venue just fills them at the first
    /// fresh quote (the positions show <see cref="StopStatus.Exiting"/> meanwhile).
    /// </summary>
    private async Task<int> FlattenNowAsync()
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

    /// <summary>
    /// Checks every unprotected position in the quote's symbol: ratchets trailing stops, fires crossed ones. Only a
    /// fresh quote does either: a stale one says nothing about the market now, so a stop it crosses waits (the snapshot
    /// shows <see cref="StopStatus.WaitingForFreshQuote"/>) and the next fresh quote, pushed or seen by the timer,
    /// decides, and prices the exit. It still marks equity: marking moves no money.
    /// </summary>
    private Task CheckStopsAsync(Quote quote) => AtomicallyAsync(() => CheckStopsNowAsync(quote));

    private async Task CheckStopsNowAsync(Quote quote)
    {
        Account.Stats = Performance.Mark(Account.Stats, Account.Balance + Account.Positions
            .Where(p => p.Symbol == quote.Symbol).Sum(p => Pnl.Of(p.Side, p.EntryPrice, StopLoss.ExitPrice(p.Side, quote), p.Quantity)));
        var fresh = MarketFilters.IsFresh(quote, clock.GetUtcNow(), Options.Filters.MaxQuoteAge);
        _waitingStops.RemoveWhere(id => Account.Positions.All(p => p.PositionId != id));
        var changed = false;
        foreach (var position in Account.Positions.Where(p => p.Symbol == quote.Symbol && p.ExitOrderId is null).ToList())
        {
            if (!fresh)
            {
                NoteStopWaiting(position, quote);
                continue;
            }

            _waitingStops.Remove(position.PositionId);
            changed |= PositionBook.Trail(position, quote);
            if (PositionBook.IsStopCrossed(position, quote))
            {
                var purpose = position.TrailingStopPercent is null ? OrderPurpose.StopLoss : OrderPurpose.TrailingStop;
                LogStopTriggered(AccountId, position.PositionId, position.Symbol, position.StopLossPrice, quote.Bid, quote.Ask, purpose);
                await SendExitAsync(position, purpose);
                metrics.StopTriggered(purpose);
                changed = true;
            }
        }

        changed |= await ApplyLimitsAsync(quote);
        if (changed)
        {
            await PersistAsync();
        }

        await EnsureProtectionAsync();
    }

    /// <summary>Logs a stop held back by a stale crossing quote once per position, not on every timer tick.</summary>
    private void NoteStopWaiting(PositionState position, Quote quote)
    {
        if (PositionBook.IsStopCrossed(position, quote) && _waitingStops.Add(position.PositionId))
        {
            LogStopWaiting(AccountId, position.PositionId, position.Symbol, position.StopLossPrice, quote.Bid, quote.Ask,
                (clock.GetUtcNow() - quote.Timestamp).TotalMilliseconds);
        }
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

    private int RejectUnknown(RejectUnknownOrder repair, DateTimeOffset now)
    {
        var order = Account.Orders.First(o => o.OrderId == repair.OrderId);
        if (!order.TransitionTo(OrderStatus.Rejected, now, "Unknown to the venue (reconciliation)."))
        {
            return 0;
        }

        ReleaseExit(order);
        LogRepair(AccountId, order.OrderId, "marked rejected: the venue does not know it");
        return 1;
    }

    /// <summary>Applies the venue's report of a working order; each missed fill and a changed status count as a repair.</summary>
    private int ApplyMissed(ApplyVenueReport repair)
    {
        var order = Account.Orders.First(o => o.OrderId == repair.OrderId);
        var fillsBefore = order.FillIds.Count;
        var statusBefore = order.Status;
        ApplyReport(order, repair.Report);
        var fills = order.FillIds.Count - fillsBefore;
        var repaired = fills + (order.Status != statusBefore ? 1 : 0);
        if (repaired > 0)
        {
            LogRepair(AccountId, order.OrderId, $"applied {fills} missed fill(s), status {statusBefore} -> {order.Status}");
        }

        return repaired;
    }

    /// <summary>
    /// Sets a symbol's net position to the venue's, the source of truth for what is held: the plan's cuts are closed
    /// as <c>reconciliation</c> trades and its missing quantity adopted. Both need a real price (<see cref="RepairPrice.Choose"/>:
    /// the quote's mid or the venue's newest fill, whichever is more recent): without one the repair waits for the next tick.
    /// </summary>
    private async Task<int> AlignPositionAsync(AlignPosition repair, VenueAccountReport report, DateTimeOffset now)
    {
        if (await RepairPriceAsync(repair.Symbol, report) is not { } repairPrice)
        {
            LogPositionUnpriced(AccountId, repair.Symbol, repair.Held, repair.Target);
            return 0;
        }

        var price = repairPrice.Price;
        LogPositionMismatch(AccountId, repair.Symbol, repair.Held, repair.Target, price, repairPrice.Source, repairPrice.ObservedAt);
        foreach (var cut in repair.Cuts)
        {
            Record(Book.Close(cut.PositionId, cut.Quantity, price, now, OrderPurpose.Reconciliation, "reconciliation",
                $"recon-{now.UtcTicks}-{cut.PositionId}"), price, now);
        }

        if (repair.AdoptQuantity > 0)
        {
            Book.Adopt(repair.Symbol, repair.AdoptSide, repair.AdoptQuantity, price, now, Options.StopLoss.Percent, "reconciliation", NewPositionId);
        }

        return 1;
    }

    private async Task<RepairPrice?> RepairPriceAsync(string symbol, VenueAccountReport report) =>
        RepairPrice.Choose(symbol, await GrainFactory.MarketData(symbol).GetQuoteAsync(), report.Orders);

    private bool IsExposed => Account.Positions.Count > 0 || Account.Orders.Any(o => !o.IsTerminal);

    /// <summary>
    /// Keeps the protection matching the exposure: a watch with the stop index of each held symbol, and, from the first
    /// order on, a place on its reconciliation shard's durable list (stored before the venue sees the order, see
    /// <see cref="SendOrderAsync"/>). The account stays listed while it trades and leaves once it has been flat for
    /// <see cref="ReconciliationShardGrain.FlatSweepsBeforeRelease"/> sweeps.
    /// </summary>
    private async Task EnsureProtectionAsync()
    {
        await EnsureWatchesAsync();
        if (IsExposed && !_monitored)
        {
            await GrainFactory.Shard(AccountId).MonitorAsync(AccountId);
            _monitored = true;
        }

        await SyncExposureAsync();
    }

    /// <summary>Sends the stop index of each held symbol this account's watch when it changed, and drops the ones it left.</summary>
    private async Task EnsureWatchesAsync()
    {
        var wanted = DesiredWatches();
        foreach (var (symbol, watch) in wanted)
        {
            if (!_watches.TryGetValue(symbol, out var registered) || registered != watch)
            {
                await GrainFactory.Get<IQuoteSubscriptionGrain>(symbol).WatchAsync(watch);
                _watches[symbol] = watch;
            }
        }

        foreach (var symbol in _watches.Keys.Where(s => !wanted.ContainsKey(s)).ToList())
        {
            await GrainFactory.Get<IQuoteSubscriptionGrain>(symbol).UnwatchAsync(AccountId);
            _watches.Remove(symbol);
        }
    }

    /// <summary>One watch per held symbol: the nearest armed stop and the trailing stops' best prices.</summary>
    private Dictionary<string, QuoteWatch> DesiredWatches()
    {
        var watches = new Dictionary<string, QuoteWatch>(StringComparer.Ordinal);
        foreach (var held in Account.Positions.GroupBy(p => p.Symbol, StringComparer.Ordinal))
        {
            var side = held.First().Side;
            var armed = held.Where(p => p.ExitOrderId is null).ToList();
            var trailing = armed.Where(p => p.TrailingStopPercent is not null).ToList();
            var isLong = side == PositionSide.Long;
            decimal? stop = armed.Count == 0 ? null : isLong ? armed.Max(p => p.StopLossPrice) : armed.Min(p => p.StopLossPrice);
            decimal? trailFrom = trailing.Count == 0 ? null : isLong ? trailing.Min(p => p.BestPrice) : trailing.Max(p => p.BestPrice);
            watches[held.Key] = new QuoteWatch(AccountId, held.Key, side, stop, trailFrom, AllQuotes: held.Any(p => p.Side != side));
        }

        return watches;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} stop {Purpose} triggered for {PositionId} {Symbol}: stop {StopPrice}, quote {Bid}/{Ask}")]
    private partial void LogStopTriggered(string accountId, string positionId, string symbol, decimal stopPrice, decimal bid, decimal ask, OrderPurpose purpose);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} stop of {PositionId} {Symbol} at {StopPrice} is crossed by a stale quote {Bid}/{Ask} ({AgeMs} ms old): waiting for a fresh quote")]
    private partial void LogStopWaiting(string accountId, string positionId, string symbol, decimal stopPrice, decimal bid, decimal ask, double ageMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} reconciliation repaired order {OrderId}: {Repair}")]
    private partial void LogRepair(string accountId, string orderId, string repair);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} holds {Held} {Symbol} but the venue says {VenueQuantity}: set to the venue's, booked at {Price} ({PriceSource} of {PriceObservedAt:O})")]
    private partial void LogPositionMismatch(string accountId, string symbol, decimal held, decimal venueQuantity, decimal price,
        RepairPriceSource priceSource, DateTimeOffset priceObservedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} holds {Held} {Symbol} but the venue says {VenueQuantity}, and there is no price to book the difference at; retrying next tick")]
    private partial void LogPositionUnpriced(string accountId, string symbol, decimal held, decimal venueQuantity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} got a report for unknown order {OrderId}; ignored")]
    private partial void LogUnknownReport(string accountId, string orderId);
}
