using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Portfolio;
using OrleansTrading.Grains.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// The account's risk limits: it counts every signal for the rate limit, marks equity to the latest quote it sees,
/// starts each trading day from the equity of that moment, and latches what its limits decided (the daily loss lock
/// until the next trading day, the drawdown halt until an operator resets it, stop-loss guard locks until they
/// expire). Each latch is a journaled limit event, stored with the decision that tripped it. The verdicts themselves
/// are the pure rules in <c>Rules/</c>.
/// </summary>
public sealed partial class VirtualAccountGrain
{
    private const int LimitEventsShown = 20;

    /// <summary>This account's signals in the last minute, in memory only: a restart forgets them.</summary>
    private readonly SignalWindow _signals = new();

    private readonly List<LimitEvent> _unjournaledLimitEvents = [];

    private PortfolioCollector? _portfolio;

    /// <summary>The latest quote of the account's symbol this activation saw: equity is marked to it between quotes.</summary>
    private Quote? _mark;

    /// <summary>Signals of this account in the minute before the one being decided.</summary>
    private int _signalsBefore;

    private EffectiveLimits Limits => EffectiveLimits.Resolve(Options.Limits, Account.LimitOverrides);

    private string ExchangeZone => Options.TradingWindow.TimeZone;

    public async Task<AccountLimits?> GetLimitsAsync() => Account.Created ? await BuildLimitsAsync() : null;

    public Task<AccountDayFigures?> GetDayFiguresAsync() =>
        Task.FromResult(Account.Created ? DayFigures(TradingDay.Containing(clock.GetUtcNow(), Options.TradingWindow), CurrentEquity()) : null);

    public async Task<AccountLimits?> UpdateLimitsAsync(LimitsChange change)
    {
        var errors = LimitRules.Validate(change);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        if (!Account.Created)
        {
            return null;
        }

        var described = DescribeChange(change);
        await AtomicallyAsync(async () =>
        {
            var next = (Account.LimitOverrides ?? LimitOverrides.None).Apply(change);
            Account.LimitOverrides = next == LimitOverrides.None ? null : next;
            RecordLimitEvent(LimitEventKinds.LimitsChanged, described, clock.GetUtcNow());
            await PersistAsync();
        });
        LogLimitsChanged(AccountId, described);
        return await BuildLimitsAsync();
    }

    public async Task<AccountLimits?> ResetDrawdownAsync(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidInputException("reason", "reason is required: say why the drawdown is reset.");
        }

        if (InputRules.ReasonProblem(reason) is { } problem)
        {
            throw new InvalidInputException("reason", $"reason {problem}.");
        }

        if (!Account.Created)
        {
            return null;
        }

        var quote = Account.ActiveSymbol is { } symbol ? await GrainFactory.MarketData(symbol).GetQuoteAsync() : null;
        var why = reason.Trim();
        await AtomicallyAsync(async () =>
        {
            NoteMark(quote);
            var equity = CurrentEquity();
            var drawdown = DrawdownLimit.DrawdownPercent(Account.PeakEquity, equity);
            var lifted = Account.DrawdownHaltedAt is not null ? ", lifting the maxDrawdown halt" : "";
            Account.PeakEquity = equity;
            Account.DrawdownHaltedAt = null;
            Account.DrawdownHaltedPercent = 0m;
            RecordLimitEvent(LimitEventKinds.DrawdownReset,
                $"drawdown {LimitText.Percent(drawdown)} reset by an operator{lifted}; peak equity is now {LimitText.Amount(equity)}. Reason: {why}",
                clock.GetUtcNow());
            await PersistAsync();
            LogDrawdownReset(AccountId, drawdown, LogText.Escape(why));
        });
        return await BuildLimitsAsync();
    }

    /// <summary>Counts a signal for the rate limit: every signal counts, whatever is decided for it.</summary>
    private void CountSignal() => _signalsBefore = _signals.CountAndAdd(clock.GetUtcNow(), Limits.MaxSignalsPerMinute);

    /// <summary>Keeps the quote of the symbol the account holds, or of the one it is entering when it holds nothing.</summary>
    private void NoteMark(Quote? quote)
    {
        if (quote is not null && (Account.ActiveSymbol is null || quote.Symbol == Account.ActiveSymbol))
        {
            _mark = quote;
        }
    }

    /// <summary>Balance plus what the open positions would realize at <paramref name="quote"/> (nothing without a quote of their symbol).</summary>
    private decimal EquityAt(Quote? quote) =>
        Account.Balance + (quote is null
            ? 0m
            : Account.Positions.Where(p => p.Symbol == quote.Symbol).Sum(p => Pnl.Of(p.Side, p.EntryPrice, StopLoss.ExitPrice(p.Side, quote), p.Quantity)));

    private decimal CurrentEquity() => EquityAt(_mark);

    /// <summary>The equity the trading day started from; the equity now when the account has not looked at this day yet.</summary>
    private decimal DayStartEquity(TradingDay day, decimal equity) => Account.TradingDayStart == day.Start ? Account.DayStartEquity : equity;

    private AccountRisk RiskAt(DateTimeOffset now, decimal equity)
    {
        var day = TradingDay.Containing(now, Options.TradingWindow);
        return new AccountRisk(Limits, _signalsBefore, day, DayStartEquity(day, equity), equity, Account.PeakEquity,
            Account.DailyLossLockedUntil is { } until ? new DailyLossLock(until, Account.DailyLossLockedPercent) : null,
            Account.DrawdownHaltedAt is { } at ? new DrawdownHalt(at, Account.DrawdownHaltedPercent) : null,
            Account.SymbolLocks.Select(l => l.ToRule()).ToList(), ExchangeZone);
    }

    /// <summary>
    /// Marks the limits to the latest equity (at <paramref name="quote"/> when it is the account's symbol): starts a new
    /// trading day, and latches the daily loss lock (closing open positions too with <c>FlattenOnDailyLoss</c>) and the
    /// drawdown halt when they are reached. Returns whether state changed, for the caller to persist with its turn.
    /// </summary>
    private async Task<bool> ApplyLimitsAsync(Quote? quote)
    {
        NoteMark(quote);
        var now = clock.GetUtcNow();
        var equity = CurrentEquity();
        var changed = false;
        var day = TradingDay.Containing(now, Options.TradingWindow);
        if (Account.TradingDayStart != day.Start)
        {
            Account.TradingDayStart = day.Start;
            Account.DayStartEquity = equity;
            changed = true;
        }

        Account.Stats = Performance.Mark(Account.Stats, equity);
        Account.SymbolLocks.RemoveAll(l => l.Until <= now);
        var risk = RiskAt(now, equity);
        if (!(Account.DailyLossLockedUntil > now) && DailyLossLimit.LockIfReached(risk) is { } locked)
        {
            Account.DailyLossLockedUntil = locked.Until;
            Account.DailyLossLockedPercent = locked.LossPercent;
            var flatten = risk.Limits.FlattenOnDailyLoss && Account.Positions.Count > 0;
            var positions = Account.Positions.Count == 0 ? ""
                : flatten ? "; open positions are being closed (FlattenOnDailyLoss)"
                : "; open positions stay protected by their stops";
            var detail = DailyLossLimit.Describe(locked.LossPercent, risk.Limits.DailyLossPercent, locked.Until, ExchangeZone) + positions;
            RecordLimitEvent(LimitEventKinds.DailyLossLimit, detail, now);
            LogLimitTripped(AccountId, RejectionReason.DailyLossLimit, detail);
            changed = true;
            if (flatten)
            {
                foreach (var position in Account.Positions.Where(p => p.ExitOrderId is null).ToList())
                {
                    await SendExitAsync(position, OrderPurpose.Flatten);
                }
            }
        }

        if (Account.DrawdownHaltedAt is null && DrawdownLimit.HaltIfReached(risk, now) is { } halt)
        {
            Account.DrawdownHaltedAt = halt.At;
            Account.DrawdownHaltedPercent = halt.DrawdownPercent;
            var detail = DrawdownLimit.Describe(halt.DrawdownPercent, risk.Limits.MaxDrawdownPercent);
            RecordLimitEvent(LimitEventKinds.MaxDrawdown, detail, now);
            LogLimitTripped(AccountId, RejectionReason.MaxDrawdown, detail);
            changed = true;
        }

        ReportFigures(DayFigures(day, equity));
        return changed;
    }

    private AccountDayFigures DayFigures(TradingDay day, decimal equity) =>
        new(AccountId, day.Start, DayStartEquity(day, equity), equity, Account.Balance, Account.RealizedPnl);

    private void ReportFigures(AccountDayFigures figures) =>
        (_portfolio ??= ServiceProvider.GetRequiredService<PortfolioCollector>()).Report(figures);

    /// <summary>Books a position the stop-loss guard counts; the Count-th of its symbol within the window locks the symbol.</summary>
    private void NoteStopOut(string symbol, DateTimeOffset at)
    {
        var (kept, locked) = StopLossGuard.Record(Account.StopOuts, symbol, at, Limits);
        Account.StopOuts = [.. kept];
        if (locked is null)
        {
            return;
        }

        Account.SymbolLocks.RemoveAll(l => l.Symbol == symbol || l.Until <= at);
        Account.SymbolLocks.Add(SymbolLockState.From(locked));
        var detail = StopLossGuard.Describe(locked, ExchangeZone);
        RecordLimitEvent(LimitEventKinds.StopLossGuard, detail, at);
        LogLimitTripped(AccountId, RejectionReason.StopLossGuard, detail);
    }

    private void RecordLimitEvent(string kind, string detail, DateTimeOffset at) =>
        _unjournaledLimitEvents.Add(new LimitEvent(AccountId, $"{kind}-{Guid.NewGuid():N}", kind, detail, at));

    /// <summary>The limits blocking entries now: what the snapshot shows as locks.</summary>
    private List<LimitLock> ActiveLocks(DateTimeOffset now)
    {
        var limits = Limits;
        var locks = new List<LimitLock>();
        if (Account.DailyLossLockedUntil is { } until && now < until)
        {
            locks.Add(new(RejectionReason.DailyLossLimit, null, until,
                DailyLossLimit.Describe(Account.DailyLossLockedPercent, limits.DailyLossPercent, until, ExchangeZone)));
        }

        if (Account.DrawdownHaltedAt is not null)
        {
            locks.Add(new(RejectionReason.MaxDrawdown, null, null, DrawdownLimit.Describe(Account.DrawdownHaltedPercent, limits.MaxDrawdownPercent)));
        }

        foreach (var held in StopLossGuard.InForce(Account.SymbolLocks.Select(l => l.ToRule()), now))
        {
            locks.Add(new(RejectionReason.StopLossGuard, held.Symbol, held.Until, StopLossGuard.Describe(held, ExchangeZone)));
        }

        if (_signals.RoomAt(now, limits.MaxSignalsPerMinute) is { } room)
        {
            locks.Add(new(RejectionReason.RateLimited, null, room,
                $"{_signals.CountAt(now)} signals within a minute reached the {limits.MaxSignalsPerMinute} limit (MaxSignalsPerMinute); exits are never rate-limited."));
        }

        return locks;
    }

    private async Task<AccountLimits> BuildLimitsAsync()
    {
        var quote = Account.ActiveSymbol is { } symbol ? await GrainFactory.MarketData(symbol).GetQuoteAsync() : null;
        var now = clock.GetUtcNow();
        var equity = EquityAt(quote ?? _mark);
        var day = TradingDay.Containing(now, Options.TradingWindow);
        var start = DayStartEquity(day, equity);
        var peak = Math.Max(Account.PeakEquity, equity);
        var window = Limits.StopLossGuardWindow;
        var usage = new LimitUsage(_signals.CountAt(now), day.Start, day.End, start, equity, Math.Max(0m, start - equity),
            DailyLossLimit.LossPercent(start, equity), peak, DrawdownLimit.DrawdownPercent(peak, equity),
            Account.StopOuts.Where(s => s.At > now - window).ToList(), ActiveLocks(now));
        var events = await journal.GetLimitEventsAsync(AccountId, LimitEventsShown);
        return new AccountLimits(AccountId, EffectiveLimits.Describe(Options.Limits, Account.LimitOverrides), usage, events);
    }

    /// <summary>"set maxNotionalPerOrder 50000, flattenOnDailyLoss true; restored dailyLossPercent (default 5)".</summary>
    private string DescribeChange(LimitsChange change)
    {
        var set = change.Set;
        var values = new List<string>();
        void Add<T>(LimitName name, T? value, Func<T, string> show)
            where T : struct
        {
            if (value is { } v)
            {
                values.Add($"{LimitRules.Field(name)} {show(v)}");
            }
        }

        static string Num(decimal v) => v.ToString(CultureInfo.InvariantCulture);
        Add(LimitName.MaxNotionalPerOrder, set.MaxNotionalPerOrder, Num);
        Add(LimitName.MaxQuantityPerOrder, set.MaxQuantityPerOrder, Num);
        Add(LimitName.MaxSignalsPerMinute, set.MaxSignalsPerMinute, v => v.ToString(CultureInfo.InvariantCulture));
        Add(LimitName.DailyLossPercent, set.DailyLossPercent, Num);
        Add(LimitName.FlattenOnDailyLoss, set.FlattenOnDailyLoss, v => v ? "true" : "false");
        Add(LimitName.MaxDrawdownPercent, set.MaxDrawdownPercent, Num);
        Add(LimitName.StopLossGuardCount, set.StopLossGuardCount, v => v.ToString(CultureInfo.InvariantCulture));
        Add(LimitName.StopLossGuardWindow, set.StopLossGuardWindow, v => v.ToString("c", CultureInfo.InvariantCulture));
        Add(LimitName.StopLossGuardLockFor, set.StopLossGuardLockFor, v => v.ToString("c", CultureInfo.InvariantCulture));
        var parts = new List<string>();
        if (values.Count > 0)
        {
            parts.Add("set " + string.Join(", ", values));
        }

        if (change.Restore.Count > 0)
        {
            parts.Add("restored the default of " + string.Join(", ", change.Restore.Distinct().Select(LimitRules.Field)));
        }

        return string.Join("; ", parts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} limit {Reason} reached: {Detail}")]
    private partial void LogLimitTripped(string accountId, RejectionReason reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} limits changed: {Change}")]
    private partial void LogLimitsChanged(string accountId, string change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} drawdown of {DrawdownPercent} % reset by an operator: {Reason}")]
    private partial void LogDrawdownReset(string accountId, decimal drawdownPercent, string? reason);
}
