using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Orders;
using OrleansTrading.Grains.Rules;
using OrleansTrading.Grains.Telemetry;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// One virtual account. Loads its state, asks the pure rules for a verdict, acts through the venue, and
/// persists (journal, then grain state) before it answers: a decision the caller has seen is never lost.
/// Split by concern: signals here; order execution, protection (stops, reconciliation) in the other parts.
/// </summary>
public sealed partial class VirtualAccountGrain(
    [PersistentState("account", StorageNames.Trading)] IPersistentState<VirtualAccountState> state,
    IVenue venue,
    ITradeJournal journal,
    IOptions<TradingOptions> options,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    TradingMetrics metrics,
    ILogger<VirtualAccountGrain> logger) : Grain, IVirtualAccountGrain, IAccountFeedGrain, IRemindable
{
    private RecentDecisionCache? _recentDecisions;
    private TradingOptions Options => options.Value;
    private VirtualAccountState Account => state.State;
    private string AccountId => this.GetPrimaryKeyString();
    private RecentDecisionCache DecisionCache => _recentDecisions ??= new(Options.Governor.SignalHistorySize);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Account.Created)
        {
            await MigrateLegacyStateAsync();
            Account.NextOrderNumber = Math.Max(Account.NextOrderNumber, await journal.GetHighestOrderNumberAsync(AccountId) + 1);
            PostReconciliationMark();
            await EnsureWatchesAsync();
        }

        _activated = true;
    }

    public async Task<AccountCreation> CreateAsync(decimal initialBalance)
    {
        if (Account.Created)
        {
            return new(false, await BuildSnapshotAsync());
        }

        if (initialBalance <= 0)
        {
            throw new Abstractions.Validation.InvalidInputException("initialBalance", "initialBalance must be greater than 0.");
        }

        // Register first: if this fails nothing is created, and registering twice is harmless.
        await GrainFactory.AccountDirectory().RegisterAsync(AccountId);
        await AtomicallyAsync(async () =>
        {
            Account.Created = true;
            Account.InitialBalance = initialBalance;
            Account.CreatedAt = clock.GetUtcNow();
            Account.Stats = PerformanceStats.Initial(initialBalance);
            Account.TradingDayStart = TradingDay.Containing(Account.CreatedAt, Options.TradingWindow).Start;
            Account.DayStartEquity = initialBalance;
            await PersistAsync();
        });
        ReportFigures(DayFigures(TradingDay.Containing(Account.CreatedAt, Options.TradingWindow), initialBalance));
        LogAccountCreated(AccountId, initialBalance);
        return new(true, await BuildSnapshotAsync());
    }

    public async Task<SignalDecision> SubmitSignalAsync(TradeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var errors = SignalValidator.Validate(signal);
        if (errors.Count > 0)
        {
            throw new Abstractions.Validation.InvalidInputException(errors);
        }

        if (!Account.Created)
        {
            return SignalDecision.Rejected(RejectionReason.AccountNotFound, $"Account '{AccountId}' does not exist.");
        }

        signal = signal with { Symbol = GrainKeys.Symbol(signal.Symbol) };
        CountSignal(); // every signal counts, a re-sent one too: the rate limit is about traffic, not decisions

        // An order for this signal whose decision never reached state: the caller saw an error, not a decision.
        // Resume that same order (never a second one) and let its answer supersede any journaled one.
        var unacknowledged = DecisionCache.TryGet(signal.SignalId, out _)
            ? null
            : Account.Orders.FirstOrDefault(o => o.SignalId == signal.SignalId && !o.DecisionAcknowledged);
        if (unacknowledged is null && await FindDecisionAsync(signal.SignalId) is { } first)
        {
            var differing = SignalReplay.DifferingFields(first, signal);
            if (differing.Count > 0)
            {
                LogSignalIdConflict(AccountId, signal.SignalId, string.Join(",", differing));
                throw new SignalIdConflictException(first, differing);
            }

            LogDuplicateSignal(AccountId, signal.SignalId);
            return first.Decision;
        }

        return await AtomicallyAsync(() => DecideAsync(signal, unacknowledged));
    }

    /// <summary>A new decision (or the resumed one of <paramref name="unacknowledged"/>), all or nothing: see the atomicity part.</summary>
    private async Task<SignalDecision> DecideAsync(TradeSignal signal, AccountOrder? unacknowledged)
    {
        var decision = unacknowledged is not null
            ? await ResumeAsync(unacknowledged)
            : signal.Action == SignalAction.Open
                ? await OpenAsync(signal)
                : await CloseAsync(signal);

        await ApplyLimitsAsync(null); // a close may have booked the loss that reaches a limit: latched with this decision
        var record = DecisionRecord.Of(AccountId, signal, decision, clock.GetUtcNow());
        _unjournaledDecisions.Add(record);
        foreach (var order in Account.Orders.Where(o => o.SignalId == signal.SignalId))
        {
            order.DecisionAcknowledged = true; // stored in the same write as the decision's effects
        }

        await PersistAsync();
        DecisionCache.Add(record); // only once it is durable: a failed write must not leave an answer behind
        metrics.Decided(decision);
        await EnsureProtectionAsync();
        if (decision.Status == SignalStatus.Rejected)
        {
            LogSignalRejected(AccountId, signal.SignalId, decision.Reason!.Value, decision.Detail);
        }
        else
        {
            LogSignalAccepted(AccountId, signal.SignalId, signal.Action, signal.Symbol, decision.FilledQuantity, decision.AveragePrice);
        }

        return decision;
    }

    public async Task<AccountSnapshot?> GetSnapshotAsync() => Account.Created ? await BuildSnapshotAsync() : null;

    public async Task<Page<OrderHistory>?> GetOrdersAsync(int offset, int limit) =>
        Account.Created ? await journal.GetOrdersAsync(AccountId, offset, limit) : null;

    public async Task<Page<TradeRecord>?> GetTradesAsync(int offset, int limit) =>
        Account.Created ? await journal.GetTradesAsync(AccountId, offset, limit) : null;

    public async Task<Page<DecisionRecord>?> GetDecisionsAsync(int offset, int limit, SignalStatus? status) =>
        Account.Created ? await journal.GetDecisionsAsync(AccountId, offset, limit, status) : null;

    private async Task<SignalDecision> OpenAsync(TradeSignal signal)
    {
        var (killSwitch, quote) = await GetKillSwitchAndQuoteAsync(signal.Symbol);
        await ApplyLimitsAsync(quote);
        var now = clock.GetUtcNow();
        var check = new EntryCheck(signal.Symbol, signal.Side, signal.Quantity, Account.Balance, Account.CooldownUntil,
            Account.OpenPositions(), killSwitch, quote, now, RiskAt(now, CurrentEquity()));

        // EntryGuards.Evaluate's sequence, with portfolioExposure reserved for real at the symbol's exposure grain. A
        // reservation for an entry the market filters then refuse goes back with this decision (SyncExposureAsync).
        var denial = EntryGuards.AccountGuards(check, Options)
            ?? (quote is null ? null : await ReserveExposureAsync(signal.Symbol,
                PortfolioExposure.EntryNotional(signal.Quantity, quote, Options.Filters.MaxSlippageBps)))
            ?? EntryGuards.MarketGuards(check, Options);
        if (denial is not null)
        {
            return SignalDecision.Rejected(denial.Reason, denial.Detail);
        }

        var limit = MarketFilters.MarketableLimit(signal.Side, quote!, Options.Filters.MaxSlippageBps);
        var order = NewOrder(NextOrderId("ord"), signal.Symbol, signal.Side, signal.Quantity, OrderPurpose.Entry,
            TimeInForce.ImmediateOrCancel, limit, reduceOnly: false, positionId: $"P{Account.NextPositionNumber++}");
        order.SignalId = signal.SignalId;
        order.StopLossPercent = signal.StopLossPercent ?? Options.StopLoss.Percent;
        order.TrailingStopPercent = signal.TrailingStopPercent;
        await SendOrderAsync(order);
        return EntryDecision(order);
    }

    /// <summary>
    /// A signal whose order exists but whose decision was never recorded (the silo failed between sending and
    /// answering): ask the venue about that same order again and answer from it. Never a second order.
    /// </summary>
    private async Task<SignalDecision> ResumeAsync(AccountOrder order)
    {
        LogResumingOrder(AccountId, order.SignalId!, order.OrderId);
        if (order.Status == OrderStatus.Pending)
        {
            // Never acknowledged: if the venue has it, take its answer; if not, it never left, and re-sending it
            // now would skip every guard (the kill-switch may be halted by now). Settle it and decide afresh.
            var report = (await venue.GetAccountReportAsync(AccountId, [order.OrderId])).Orders.FirstOrDefault(o => o.Order.ClientOrderId == order.OrderId);
            if (report is null)
            {
                order.TransitionTo(OrderStatus.Rejected, clock.GetUtcNow(), "Never reached the venue; the retried signal was decided again.");
                ReleaseExit(order);
                var signal = new TradeSignal(order.SignalId!, order.Symbol, order.Side, order.Quantity,
                    order.Purpose == OrderPurpose.Entry ? SignalAction.Open : SignalAction.Close,
                    order.Purpose == OrderPurpose.Entry ? order.StopLossPercent : null, order.TrailingStopPercent);
                return signal.Action == SignalAction.Open ? await OpenAsync(signal) : await CloseAsync(signal);
            }

            ApplyReport(order, report);
        }
        else if (!order.IsTerminal)
        {
            await ResendAsync(order);
        }

        return order.Purpose == OrderPurpose.Entry ? EntryDecision(order) : ExitDecision(order);
    }

    private SignalDecision EntryDecision(AccountOrder order)
    {
        if (order.Status == OrderStatus.Rejected)
        {
            return SignalDecision.Rejected(RejectionReason.VenueRejected, order.History[^1].Note ?? "The venue rejected the order.");
        }

        if (order.FilledQuantity == 0 && order.Status == OrderStatus.Cancelled)
        {
            return OrderTracker.CancelReasonOf(order) switch
            {
                VenueCancelReason.LimitPrice => SignalDecision.Rejected(RejectionReason.SlippageExceeded,
                    MarketFilters.SlippageExceeded(order.Side, order.LimitPrice ?? 0m).Detail),
                VenueCancelReason.StaleQuote => SignalDecision.Rejected(RejectionReason.StaleQuote,
                    "The quote went stale before the venue could fill; nothing filled."),
                _ => SignalDecision.Rejected(RejectionReason.VenueRejected, "The venue had no liquidity at the quote; nothing filled."),
            };
        }

        var position = Account.Positions.FirstOrDefault(p => p.PositionId == order.PositionId);
        return new SignalDecision(SignalStatus.Accepted, OrderId: order.OrderId, FilledQuantity: order.FilledQuantity,
            AveragePrice: order.AveragePrice, StopLossPrice: position?.StopLossPrice,
            Detail: order.FilledQuantity == 0 ? "Sent; the venue has not reported a fill yet. Reconciliation will settle the order." : null);
    }

    private async Task<SignalDecision> CloseAsync(TradeSignal signal)
    {
        var (killSwitch, quote) = await GetKillSwitchAndQuoteAsync(signal.Symbol);
        var check = new ExitCheck(signal.Symbol, signal.Side, signal.Quantity,
            Account.Positions.Select(p => new OpenPosition(p.Symbol, p.Side, p.Quantity, p.EntryPrice)).ToList(),
            OrderTracker.Closing(Account.Orders, signal.Symbol, signal.Side), killSwitch, quote);
        if (ExitChecks.Evaluate(check) is { } denial)
        {
            return SignalDecision.Rejected(denial.Reason, denial.Detail);
        }

        var order = NewOrder(NextOrderId("ord"), signal.Symbol, signal.Side,
            check.OrderQuantity, OrderPurpose.Signal, TimeInForce.GoodTillCancelled, limitPrice: null, reduceOnly: true, positionId: null);
        order.SignalId = signal.SignalId;
        await SendOrderAsync(order);
        var decision = ExitDecision(order);

        // A stale quote never blocks a close (reducing risk is always allowed) but never prices it either: the order
        // is accepted and works at the venue, which fills it at the first fresh quote. The answer says so.
        if (decision.Status == SignalStatus.Accepted && !order.IsTerminal
            && MarketFilters.CheckQuoteFreshness(quote, clock.GetUtcNow(), Options.Filters.MaxQuoteAge) is { } stale)
        {
            decision = decision with { Detail = $"Waiting for a fresh quote: {stale.Detail} The order works until one arrives and fills at its price." };
        }

        return decision;
    }

    /// <summary>Entries and exits both need the kill-switch and the symbol's quote: asked for together.</summary>
    private async Task<(KillSwitchState KillSwitch, Quote? Quote)> GetKillSwitchAndQuoteAsync(string symbol)
    {
        var killSwitchTask = GrainFactory.KillSwitch().GetStatusAsync();
        var quoteTask = GrainFactory.MarketData(symbol).GetQuoteAsync();
        await Task.WhenAll(killSwitchTask, quoteTask);
        return ((await killSwitchTask).State, await quoteTask);
    }

    private static SignalDecision ExitDecision(AccountOrder order)
    {
        if (order.Status == OrderStatus.Rejected)
        {
            return SignalDecision.Rejected(RejectionReason.VenueRejected, order.History[^1].Note ?? "The venue rejected the order.");
        }

        return new SignalDecision(SignalStatus.Accepted, OrderId: order.OrderId, FilledQuantity: order.FilledQuantity,
            AveragePrice: order.AveragePrice, RealizedPnl: order.RealizedPnl,
            Detail: order.IsTerminal ? null : $"{order.Remaining} still working until the position is flat.");
    }

    /// <summary>
    /// The first decision for a signal id, if the account ever made one: recent ids from memory, older ones from the
    /// decisions journal (a read outside the write gate, so a new id costs one indexed lookup and never a queue).
    /// </summary>
    private async Task<DecisionRecord?> FindDecisionAsync(string signalId)
    {
        if (DecisionCache.TryGet(signalId, out var recent))
        {
            return recent;
        }

        var journaled = await journal.FindDecisionAsync(AccountId, signalId);
        if (journaled is not null)
        {
            DecisionCache.Add(journaled);
        }

        return journaled;
    }

    private async Task<AccountSnapshot> BuildSnapshotAsync()
    {
        var symbol = Account.ActiveSymbol;
        var quote = symbol is null ? null : await GrainFactory.MarketData(symbol).GetQuoteAsync();
        var now = clock.GetUtcNow();
        var fresh = MarketFilters.IsFresh(quote, now, Options.Filters.MaxQuoteAge);
        long? quoteAgeMs = quote is null ? null : (long)Math.Floor((now - quote.Timestamp).TotalMilliseconds);
        var positions = Account.Positions.Select(p =>
        {
            decimal? current = quote is null ? null : StopLoss.ExitPrice(p.Side, quote);
            var unrealized = current is { } c ? Pnl.Of(p.Side, p.EntryPrice, c, p.Quantity) : 0m;
            var stop = StopStatuses.Of(p.Side, p.StopLossPrice, p.ExitOrderId is not null, quote, fresh);
            return new PositionSnapshot(p.PositionId, p.Symbol, p.Side, p.Quantity, p.EntryPrice, current, p.StopLossPrice,
                unrealized, p.OpenedAt, p.TrailingStopPercent, stop, quoteAgeMs);
        }).ToList();
        var unrealizedPnl = positions.Sum(p => p.UnrealizedPnl);
        var equity = Account.Balance + unrealizedPnl;
        var peak = Math.Max(Account.PeakEquity, equity);
        var drawdown = Performance.Drawdown(peak, equity);
        return new AccountSnapshot(AccountId, Account.Balance, equity, Account.RealizedPnl, unrealizedPnl, Account.Wins,
            Account.Losses, Account.ConsecutiveLosses, Account.CooldownUntil, peak, drawdown, Math.Max(Account.MaxDrawdown, drawdown),
            Account.ActiveSymbol, positions, Account.InitialBalance, Account.CreatedAt, LastReconciledAt(), Account.ReconciliationRepairs,
            ActiveLocks(now));
    }

    /// <summary>The later of the last full reconciliation and the last sweep that found the account in sync with its venue.</summary>
    private DateTimeOffset? LastReconciledAt() =>
        Board.VerifiedAt(AccountId) is { } verified && !(Account.LastReconciledAt > verified) ? verified : Account.LastReconciledAt;

    private List<string> WorkingOrderIds() => Account.Orders.Where(o => !o.IsTerminal).Select(o => o.OrderId).ToList();

    /// <summary>
    /// Order ids are the account's own sequence, so an id is never reused, even for a signal id sent again long after
    /// it left the history; retries of a signal find its order through <see cref="AccountOrder.SignalId"/>.
    /// </summary>
    private string NextOrderId(string prefix) => $"{prefix}-{Account.NextOrderNumber++}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} resumes signal {SignalId} from its existing order {OrderId}")]
    private partial void LogResumingOrder(string accountId, string signalId, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} created with balance {InitialBalance}")]
    private partial void LogAccountCreated(string accountId, decimal initialBalance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} re-sent signal {SignalId}: returning the first decision")]
    private partial void LogDuplicateSignal(string accountId, string signalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} refused signal {SignalId}: the id was already used for a signal with a different {Fields}")]
    private partial void LogSignalIdConflict(string accountId, string signalId, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} rejected signal {SignalId}: {Reason} ({Detail})")]
    private partial void LogSignalRejected(string accountId, string signalId, RejectionReason reason, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} accepted signal {SignalId}: {Action} {Symbol} filled {FilledQuantity} @ {AveragePrice}")]
    private partial void LogSignalAccepted(string accountId, string signalId, SignalAction action, string symbol, decimal? filledQuantity, decimal? averagePrice);
}
