using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// One virtual account. Loads its state, asks the pure rules for a verdict, acts through the venue, and
/// persists before it answers: a decision the caller has seen is never lost.
/// </summary>
public sealed partial class VirtualAccountGrain(
    [PersistentState("account", StorageNames.Trading)] IPersistentState<VirtualAccountState> state,
    IVenue venue,
    IOptions<TradingOptions> options,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    ILogger<VirtualAccountGrain> logger) : Grain, IVirtualAccountGrain
{
    private readonly Dictionary<string, SignalDecision> _decisionsBySignal = new(StringComparer.Ordinal);
    private TradingOptions Options => options.Value;
    private VirtualAccountState Account => state.State;
    private string AccountId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var recorded in Account.RecentDecisions)
        {
            _decisionsBySignal[recorded.SignalId] = recorded.Decision;
        }

        return Task.CompletedTask;
    }

    public async Task<AccountCreation> CreateAsync(decimal initialBalance)
    {
        if (Account.Created)
        {
            return new(false, await BuildSnapshotAsync());
        }

        if (initialBalance <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialBalance), initialBalance, "initialBalance must be greater than 0.");
        }

        // Register first: if this fails nothing is created, and registering twice is harmless.
        await GrainFactory.AccountDirectory().RegisterAsync(AccountId);
        var stats = PerformanceStats.Initial(initialBalance);
        Account.Created = true;
        Account.InitialBalance = initialBalance;
        Account.CreatedAt = clock.GetUtcNow();
        Account.Stats = stats;
        await PersistAsync();
        LogAccountCreated(AccountId, initialBalance);
        return new(true, await BuildSnapshotAsync());
    }

    public async Task<SignalDecision> SubmitSignalAsync(TradeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var errors = SignalValidator.Validate(signal);
        if (errors.Count > 0)
        {
            throw new ArgumentException(ValidationErrors.Describe(errors), nameof(signal));
        }

        if (!Account.Created)
        {
            return SignalDecision.Rejected(RejectionReason.AccountNotFound, $"Account '{AccountId}' does not exist.");
        }

        if (_decisionsBySignal.TryGetValue(signal.SignalId, out var earlier))
        {
            LogDuplicateSignal(AccountId, signal.SignalId);
            return earlier;
        }

        signal = signal with { Symbol = GrainKeys.Symbol(signal.Symbol) };
        var decision = signal.Action == SignalAction.Open
            ? await OpenAsync(signal)
            : await CloseAsync(signal);

        Remember(signal.SignalId, decision);
        await PersistAsync();
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

    private async Task<SignalDecision> OpenAsync(TradeSignal signal)
    {
        var killSwitchTask = GrainFactory.KillSwitch().GetStatusAsync();
        var quoteTask = GrainFactory.MarketData(signal.Symbol).GetQuoteAsync();
        await Task.WhenAll(killSwitchTask, quoteTask);
        var quote = quoteTask.Result;
        var now = clock.GetUtcNow();

        var denial = EntryGuards.Evaluate(
            new EntryCheck(signal.Symbol, signal.Side, signal.Quantity, Account.Balance, Account.CooldownUntil,
                Account.OpenPositions(), killSwitchTask.Result.State, quote, now),
            Options);
        if (denial is not null)
        {
            return SignalDecision.Rejected(denial.Reason, denial.Detail);
        }

        var limit = MarketFilters.MarketableLimit(signal.Side, quote!, Options.Filters.MaxSlippageBps);
        var orderId = EntryOrderId(signal.SignalId);
        var execution = await venue.ExecuteAsync(new VenueOrder(AccountId, orderId, signal.Symbol, signal.Side, signal.Quantity, limit, ReduceOnly: false));
        if (execution.Status == VenueExecutionStatus.Rejected)
        {
            return SignalDecision.Rejected(RejectionReason.VenueRejected, execution.Reason ?? "The venue rejected the order.");
        }

        if (execution.FilledQuantity <= 0 || !MarketFilters.IsWithinLimit(signal.Side, execution.AveragePrice, limit))
        {
            var slip = MarketFilters.SlippageExceeded(signal.Side, limit);
            return SignalDecision.Rejected(slip.Reason, slip.Detail);
        }

        var side = PositionSides.ForEntry(signal.Side);
        var stopPercent = signal.StopLossPercent ?? Options.StopLoss.Percent;
        var position = new PositionState
        {
            PositionId = $"P{Account.NextPositionNumber++}",
            Symbol = signal.Symbol,
            Side = side,
            Quantity = execution.FilledQuantity,
            EntryPrice = execution.AveragePrice,
            StopLossPrice = StopLoss.InitialPrice(side, execution.AveragePrice, stopPercent),
            OpenedAt = now,
            TrailingStopPercent = signal.TrailingStopPercent,
            BestPrice = execution.AveragePrice,
            EntryOrderId = orderId,
        };
        Account.Positions.Add(position);
        MarkEquity(quote);
        return new SignalDecision(SignalStatus.Accepted, OrderId: orderId, FilledQuantity: execution.FilledQuantity,
            AveragePrice: execution.AveragePrice, StopLossPrice: position.StopLossPrice);
    }

    private async Task<SignalDecision> CloseAsync(TradeSignal signal)
    {
        var killSwitchTask = GrainFactory.KillSwitch().GetStatusAsync();
        var quoteTask = GrainFactory.MarketData(signal.Symbol).GetQuoteAsync();
        await Task.WhenAll(killSwitchTask, quoteTask);
        var exitDenial = Governor.CheckKillSwitchForExit(killSwitchTask.Result.State);
        if (exitDenial is not null)
        {
            return SignalDecision.Rejected(exitDenial.Reason, exitDenial.Detail);
        }

        var open = Account.Positions.Where(p => p.Symbol == signal.Symbol).ToList();
        if (open.Count == 0)
        {
            return SignalDecision.Rejected(RejectionReason.NoOpenPosition, $"No open position in {signal.Symbol}.");
        }

        // Quote age never blocks an exit, but an exit still needs a price.
        if (quoteTask.Result is null)
        {
            return SignalDecision.Rejected(RejectionReason.NoQuote, $"No quote for {signal.Symbol}: the exit cannot be priced.");
        }

        // Reduce-only: never close more than is open, so an exit can't flip the account.
        var side = open[0].Side;
        var quantity = Math.Min(signal.Quantity, open.Sum(p => p.Quantity));
        var orderId = EntryOrderId(signal.SignalId);
        var execution = await venue.ExecuteAsync(new VenueOrder(AccountId, orderId, signal.Symbol, PositionSides.ExitSide(side), quantity, LimitPrice: null, ReduceOnly: true));
        if (execution.Status == VenueExecutionStatus.Rejected || execution.FilledQuantity <= 0)
        {
            return SignalDecision.Rejected(RejectionReason.VenueRejected, execution.Reason ?? "The venue did not fill the exit.");
        }

        var realized = ApplyExitFill(signal.Symbol, execution.FilledQuantity, execution.AveragePrice);
        MarkEquity(quoteTask.Result);
        return new SignalDecision(SignalStatus.Accepted, OrderId: orderId, FilledQuantity: execution.FilledQuantity,
            AveragePrice: execution.AveragePrice, RealizedPnl: realized);
    }

    /// <summary>Closes positions oldest first with a fill; each fully or partly closed position is one trade.</summary>
    private decimal ApplyExitFill(string symbol, decimal filledQuantity, decimal price)
    {
        var remaining = filledQuantity;
        var realized = 0m;
        var now = clock.GetUtcNow();
        foreach (var position in Account.Positions.Where(p => p.Symbol == symbol).OrderBy(p => p.OpenedAt).ToList())
        {
            if (remaining <= 0)
            {
                break;
            }

            var closed = Math.Min(remaining, position.Quantity);
            var pnl = Pnl.Of(position.Side, position.EntryPrice, price, closed);
            remaining -= closed;
            position.Quantity -= closed;
            if (position.Quantity == 0)
            {
                Account.Positions.Remove(position);
            }

            realized += pnl;
            Account.Stats = Performance.ApplyClosedTrade(Account.Stats, pnl, now, UnrealizedAt(price),
                Options.Governor.CooldownAfterLosses, Options.Governor.CooldownDuration);
            LogTradeClosed(AccountId, position.PositionId, symbol, closed, position.EntryPrice, price, pnl);
        }

        return realized;
    }

    private decimal UnrealizedAt(decimal price) =>
        Account.Positions.Sum(p => Pnl.Of(p.Side, p.EntryPrice, price, p.Quantity));

    private void MarkEquity(Quote? quote)
    {
        var unrealized = quote is null ? 0m : Account.Positions.Sum(p => Pnl.Of(p.Side, p.EntryPrice, StopLoss.ExitPrice(p.Side, quote), p.Quantity));
        Account.Stats = Performance.Mark(Account.Stats, Account.Balance + unrealized);
    }

    private void Remember(string signalId, SignalDecision decision)
    {
        _decisionsBySignal[signalId] = decision;
        Account.RecentDecisions.Add(new RecordedDecision(signalId, decision));
        var excess = Account.RecentDecisions.Count - Options.Governor.SignalHistorySize;
        if (excess > 0)
        {
            foreach (var dropped in Account.RecentDecisions.Take(excess))
            {
                _decisionsBySignal.Remove(dropped.SignalId);
            }

            Account.RecentDecisions.RemoveRange(0, excess);
        }
    }

    private async Task PersistAsync()
    {
        try
        {
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

    private async Task<AccountSnapshot> BuildSnapshotAsync()
    {
        var symbol = Account.ActiveSymbol;
        var quote = symbol is null ? null : await GrainFactory.MarketData(symbol).GetQuoteAsync();
        var positions = Account.Positions.Select(p =>
        {
            decimal? current = quote is null ? null : StopLoss.ExitPrice(p.Side, quote);
            var unrealized = current is { } c ? Pnl.Of(p.Side, p.EntryPrice, c, p.Quantity) : 0m;
            return new PositionSnapshot(p.PositionId, p.Symbol, p.Side, p.Quantity, p.EntryPrice, current, p.StopLossPrice,
                unrealized, p.OpenedAt, p.TrailingStopPercent);
        }).ToList();
        var unrealizedPnl = positions.Sum(p => p.UnrealizedPnl);
        var equity = Account.Balance + unrealizedPnl;
        var peak = Math.Max(Account.PeakEquity, equity);
        var drawdown = Performance.Drawdown(peak, equity);
        return new AccountSnapshot(AccountId, Account.Balance, equity, Account.RealizedPnl, unrealizedPnl, Account.Wins,
            Account.Losses, Account.ConsecutiveLosses, Account.CooldownUntil, peak, drawdown, Math.Max(Account.MaxDrawdown, drawdown),
            Account.ActiveSymbol, positions, Account.InitialBalance, Account.CreatedAt);
    }

    /// <summary>Order ids derive from the signal id, so a retried signal can never create a second venue order.</summary>
    private static string EntryOrderId(string signalId) => $"sig-{signalId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} created with balance {InitialBalance}")]
    private partial void LogAccountCreated(string accountId, decimal initialBalance);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} re-sent signal {SignalId}: returning the first decision")]
    private partial void LogDuplicateSignal(string accountId, string signalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} rejected signal {SignalId}: {Reason} ({Detail})")]
    private partial void LogSignalRejected(string accountId, string signalId, RejectionReason reason, string? detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} accepted signal {SignalId}: {Action} {Symbol} filled {FilledQuantity} @ {AveragePrice}")]
    private partial void LogSignalAccepted(string accountId, string signalId, SignalAction action, string symbol, decimal? filledQuantity, decimal? averagePrice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} closed {PositionId} {Symbol} qty {Quantity} entry {EntryPrice} exit {ExitPrice} pnl {Pnl}")]
    private partial void LogTradeClosed(string accountId, string positionId, string symbol, decimal quantity, decimal entryPrice, decimal exitPrice, decimal pnl);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} failed to persist its state; deactivating to reload")]
    private partial void LogPersistFailed(Exception exception, string accountId);
}
