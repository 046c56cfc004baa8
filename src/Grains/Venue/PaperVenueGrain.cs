using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Reconciliation;
using OrleansTrading.Grains.Rules;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Venue;

/// <summary>
/// A simulated venue for one account: acknowledges orders, fills them against the latest quote (buys at the
/// ask, sells at the bid, shifted by simulated slippage), in parts when the quote's size or the per-step cap is
/// smaller than the order, and keeps working good-till-cancelled orders on a timer, reporting each fill to the
/// account. It never fills from a quote older than <c>Trading:Filters:MaxQuoteAge</c>. Its book is persisted on
/// its own, so it stays the independent truth reconciliation compares against.
/// </summary>
public sealed partial class PaperVenueGrain(
    [PersistentState("venue", StorageNames.Trading)] IPersistentState<PaperVenueState> state,
    IOptions<TradingOptions> options,
    IVenueOrderArchive archive,
    VenueFaults faults,
    ReconciliationBoard board,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    ILogger<PaperVenueGrain> logger) : Grain, IPaperVenueGrain
{
    /// <summary>
    /// Finished orders kept in grain state, newest first; older ones move to the archive in batches (one write per
    /// <see cref="FinishedOrdersKept"/> orders, queued with the book's write). A retry of a recent order is answered from
    /// memory; anything older is found in the archive, so no order is ever filled twice. Few are kept so the stored book
    /// stays under SQLite's inline row size (about 1 KB on a 4 KB page for <c>OrleansStorage</c>): with 8-16 orders it
    /// was 1.7-2.3 KB, and every write of it also rewrote an overflow page and the free list.
    /// </summary>
    public const int FinishedOrdersKept = 2;
    private IGrainTimer? _stepTimer;
    private bool _broken;

    private VenueOptions Venue => options.Value.Venue;
    private string AccountId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        PostReconciliationMark();
        // A book stored by an older release may hold hundreds of finished orders: archive them now.
        if (FinishedOrders().Count > 2 * FinishedOrdersKept)
        {
            await PersistAsync(archiveFinished: true);
        }

        EnsureStepping();
    }

    public async Task<VenueOrderReport> SubmitAsync(VenueOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (state.State.Orders.TryGetValue(order.ClientOrderId, out var known))
        {
            return known.ToReport();
        }

        if ((await archive.FindAsync(AccountId, [order.ClientOrderId])).FirstOrDefault() is { } archived)
        {
            return archived;
        }

        var latency = Venue.Latency + faults.ExtraLatency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency);
        }

        if (faults.LoseOrder())
        {
            LogOrderLost(AccountId, order.ClientOrderId);
            return new VenueOrderReport(order, OrderStatus.Pending, [], VenueCancelReason.None, null, clock.GetUtcNow());
        }

        if (order.Quantity <= 0)
        {
            return await RecordRejectedAsync(order, "Quantity must be greater than 0.");
        }

        if (faults.RejectOrder())
        {
            return await RecordRejectedAsync(order, "Rejected by the venue (fault injection).");
        }

        // Fetch the quote first: once the order is in the book, nothing may fail before it is stored.
        var quote = await GrainFactory.MarketData(order.Symbol).GetQuoteAsync();
        var record = new VenueOrderRecord { Order = order, Status = OrderStatus.Accepted, UpdatedAt = clock.GetUtcNow() };
        state.State.Orders[order.ClientOrderId] = record;
        Match(record, quote);
        if (order.TimeInForce == TimeInForce.ImmediateOrCancel && record.IsWorking)
        {
            Cancel(record, record.CancelReason == VenueCancelReason.None ? VenueCancelReason.NoLiquidity : record.CancelReason);
        }

        await PersistAsync(archiveFinished: true);
        EnsureStepping();
        LogOrderHandled(AccountId, order.ClientOrderId, order.Side, order.Quantity, order.Symbol, record.Status, record.Fills.Sum(f => f.Quantity));

        if (record.Fills.Count > 0 && faults.DropFillReport())
        {
            LogFillReportDropped(AccountId, order.ClientOrderId);
            return new VenueOrderReport(order, OrderStatus.Accepted, [], VenueCancelReason.None, null, record.UpdatedAt);
        }

        return record.ToReport();
    }

    public Task<VenueAccountReport> GetReportAsync() => GetReportAsync([]);

    public async Task<VenueAccountReport> GetReportAsync(IReadOnlyCollection<string> clientOrderIds)
    {
        var orders = state.State.Orders.Values.Select(o => o.ToReport()).ToList();
        var archived = clientOrderIds.Where(id => !state.State.Orders.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        orders.AddRange(await archive.FindAsync(AccountId, archived));
        return new VenueAccountReport(orders,
            new Dictionary<string, decimal>(state.State.NetPositions.Where(p => p.Value != 0), StringComparer.Ordinal));
    }

    public async Task<int> CancelAllWorkingAsync(string reason)
    {
        var working = state.State.Orders.Values.Where(o => o.IsWorking).ToList();
        foreach (var record in working)
        {
            Cancel(record, VenueCancelReason.Cancelled);
            record.RejectReason = reason;
        }

        if (working.Count > 0)
        {
            await PersistAsync();
        }

        EnsureStepping();
        return working.Count;
    }

    private async Task<VenueOrderReport> RecordRejectedAsync(VenueOrder order, string reason)
    {
        var record = new VenueOrderRecord { Order = order, Status = OrderStatus.Rejected, RejectReason = reason, UpdatedAt = clock.GetUtcNow() };
        state.State.Orders[order.ClientOrderId] = record;
        await PersistAsync(archiveFinished: true);
        return record.ToReport();
    }

    /// <summary>
    /// The book is changed in memory before it is stored; if storing fails, this activation must not keep serving
    /// (or reconciling against) fills that are not on disk, so it is dropped and the next call reloads the stored book.
    /// With <paramref name="archiveFinished"/>, finished orders past the kept number go to the archive first: both
    /// writes are queued at once in one <see cref="WriteSequence"/>, the book (without them) only behind a stored archive batch.
    /// </summary>
    private async Task PersistAsync(bool archiveFinished = false)
    {
        try
        {
            await WriteSequence.InOrderAsync(
                () => archiveFinished ? ArchiveFinishedOrders() : Task.CompletedTask,
                () => state.WriteStateAsync());

            PostReconciliationMark();
        }
        catch (Exception ex)
        {
            LogPersistFailed(ex, AccountId);
            _stepTimer?.Dispose();
            _stepTimer = null;
            _broken = true;
            board.ForgetVenue(AccountId);
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>One matching step of one order against a quote.</summary>
    private void Match(VenueOrderRecord record, Quote? quote)
    {
        var order = record.Order;
        if (quote is null)
        {
            record.CancelReason = VenueCancelReason.NoLiquidity;
            return;
        }

        var remaining = record.Remaining;
        if (order.ReduceOnly)
        {
            // Reduce-only: never more than what the account holds on the opposite side.
            var net = state.State.NetPositions.GetValueOrDefault(order.Symbol);
            var reducible = order.Side == OrderSide.Sell ? Math.Max(net, 0m) : Math.Max(-net, 0m);
            if (reducible == 0)
            {
                Cancel(record, VenueCancelReason.NothingToReduce);
                return;
            }

            remaining = Math.Min(remaining, reducible);
        }

        // The paper venue's market is the latest quote; once that is older than the quote age limit it is not the
        // market any more, and a fill at it would be invented (a stale 1e9 ask once booked an absurd stop-out). So
        // nothing fills from it: an immediate-or-cancel order is cancelled, a working one (stops, closes, flatten)
        // stays working and fills at the first fresh quote. The check lives here, at the price source, because the
        // account only decides that an order goes out; a real broker fills at its own live price and needs none.
        // The account adds its own rule on top: a stop never fires on a stale quote (VirtualAccountGrain.Protection).
        if (!MarketFilters.IsFresh(quote, clock.GetUtcNow(), options.Value.Filters.MaxQuoteAge))
        {
            record.CancelReason = VenueCancelReason.StaleQuote;
            return;
        }

        var price = MarketFilters.PriceAfterSlippage(order.Side, quote, SlippageBps(order.Symbol));
        if (order.LimitPrice is { } limit && !MarketFilters.IsWithinLimit(order.Side, price, limit))
        {
            record.CancelReason = VenueCancelReason.LimitPrice;
            return;
        }

        var available = (order.Side == OrderSide.Buy ? quote.AskSize : quote.BidSize) ?? Venue.MaxFillPerStep ?? decimal.MaxValue;
        var quantity = Math.Min(remaining, available);
        if (quantity <= 0)
        {
            record.CancelReason = VenueCancelReason.NoLiquidity;
            return;
        }

        var now = clock.GetUtcNow();
        record.Fills.Add(new VenueFill($"F{state.State.NextFillNumber++}", order.ClientOrderId, order.Symbol, order.Side, quantity, price, now));
        state.State.NetPositions[order.Symbol] = state.State.NetPositions.GetValueOrDefault(order.Symbol) + (order.Side == OrderSide.Buy ? quantity : -quantity);
        record.CancelReason = VenueCancelReason.None;
        record.UpdatedAt = now;
        record.Status = record.Remaining == 0 ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        if (order.ReduceOnly && record.Status == OrderStatus.PartiallyFilled && state.State.NetPositions[order.Symbol] == 0)
        {
            Cancel(record, VenueCancelReason.NothingToReduce);
        }
    }

    private void Cancel(VenueOrderRecord record, VenueCancelReason reason)
    {
        record.Status = OrderStatus.Cancelled;
        record.CancelReason = reason;
        record.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>Works the good-till-cancelled orders: one matching step each, then reports what changed.</summary>
    private async Task StepAsync()
    {
        var changed = new List<VenueOrderRecord>();
        foreach (var record in state.State.Orders.Values.Where(o => o.IsWorking).ToList())
        {
            var before = (record.Status, record.Fills.Count);
            Match(record, await GrainFactory.MarketData(record.Order.Symbol).GetQuoteAsync());
            if ((record.Status, record.Fills.Count) != before)
            {
                changed.Add(record);
            }
        }

        if (changed.Count > 0)
        {
            await PersistAsync();
            foreach (var record in changed)
            {
                Deliver(record.ToReport());
            }
        }

        EnsureStepping();
    }

    /// <summary>
    /// Reports go out without holding this grain's turn: the account may be waiting on this venue at the same
    /// moment, and awaiting it here would deadlock the two. A lost report is what reconciliation is for.
    /// </summary>
    private void Deliver(VenueOrderReport report)
    {
        if (faults.DropFillReport())
        {
            LogFillReportDropped(AccountId, report.Order.ClientOrderId);
            return;
        }

        GrainFactory.Get<IAccountFeedGrain>(AccountId).OnVenueReportAsync(report).ContinueWith(
            t => LogDeliveryFailed(t.Exception!, AccountId, report.Order.ClientOrderId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Current);
    }

    private void EnsureStepping()
    {
        if (_broken)
        {
            return;
        }

        var working = state.State.Orders.Values.Any(o => o.IsWorking);
        if (working && _stepTimer is null)
        {
            _stepTimer = this.RegisterGrainTimer(StepAsync, new GrainTimerCreationOptions(Venue.StepInterval, Venue.StepInterval) { KeepAlive = true });
        }
        else if (!working && _stepTimer is not null)
        {
            _stepTimer.Dispose();
            _stepTimer = null;
        }
    }

    /// <summary>The venue's side of the reconciliation board: its stored net positions (an account at rest is checked against them).</summary>
    private void PostReconciliationMark() =>
        board.MarkVenue(AccountId, ReconciliationBoard.Nets(state.State.NetPositions, p => p.Key, p => p.Value));

    private List<VenueOrderRecord> FinishedOrders() =>
        state.State.Orders.Values.Where(o => !o.IsWorking && o.Status != OrderStatus.Pending).ToList();

    /// <summary>
    /// Once finished orders pile up past twice the kept number, all but the newest few move to the archive: their
    /// append is queued and they leave the book in memory at once (the caller stores the book behind the append).
    /// </summary>
    private Task ArchiveFinishedOrders()
    {
        var finished = FinishedOrders();
        if (finished.Count <= 2 * FinishedOrdersKept)
        {
            return Task.CompletedTask;
        }

        var oldest = finished.OrderBy(o => o.UpdatedAt).Take(finished.Count - FinishedOrdersKept).ToList();
        var appended = archive.AppendAsync(AccountId, oldest.Select(o => o.ToReport()).ToList());
        foreach (var old in oldest)
        {
            state.State.Orders.Remove(old.Order.ClientOrderId);
        }

        return appended;
    }

    private decimal SlippageBps(string symbol) =>
        Venue.SymbolSlippageBps.TryGetValue(symbol, out var bps) ? bps : Venue.SimulatedSlippageBps;

    [LoggerMessage(Level = LogLevel.Information, Message = "Venue {AccountId} order {ClientOrderId} {Side} {Quantity} {Symbol}: {Status}, filled {Filled}")]
    private partial void LogOrderHandled(string accountId, string clientOrderId, OrderSide side, decimal quantity, string symbol, OrderStatus status, decimal filled);

    [LoggerMessage(Level = LogLevel.Error, Message = "Venue {AccountId} failed to store its book; deactivating to reload")]
    private partial void LogPersistFailed(Exception exception, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Venue {AccountId} lost order {ClientOrderId} in transit (fault injection)")]
    private partial void LogOrderLost(string accountId, string clientOrderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Venue {AccountId} dropped the fill report of {ClientOrderId} (fault injection)")]
    private partial void LogFillReportDropped(string accountId, string clientOrderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Venue {AccountId} could not deliver the report of {ClientOrderId}; reconciliation will repair it")]
    private partial void LogDeliveryFailed(Exception exception, string accountId, string clientOrderId);
}
