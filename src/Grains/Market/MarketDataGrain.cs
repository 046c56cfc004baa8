using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Market;

/// <summary>
/// The latest quote of one symbol, and the symbol's stop index: each quote goes to the holders for whom it matters
/// (a stop reached, a trailing stop moved, a new high or low to mark), decided here in one pass over the index, so a
/// quote costs a message only where an account has something to do. A sweep every <c>StopLoss:CheckInterval</c>
/// re-sends a fresh latest quote to holders it still concerns (a lost push, an account that was busy), and keeps this
/// activation alive while it holds watches. Kept in memory: a quote is worthless
/// after its max age (500 ms by default), so persisting every tick would cost a write per tick and restore
/// nothing usable after a restart. The index itself is durable (<see cref="IQuoteWatchStore"/>): changes are written in
/// the background, coalesced per account, and read back when the grain activates, so after a restart the first quote of
/// a symbol already reaches the holders it concerns; the reconciliation sweep that re-activates every account stays the
/// safety net for a change lost in a crash. A quote is refused (<see cref="InvalidInputException"/>) unless it is well formed and
/// passes <see cref="QuoteEdgeChecks"/>; one observed before the latest is ignored, so a late delivery never rolls
/// the price back.
/// </summary>
public sealed partial class MarketDataGrain(
    IOptions<TradingOptions> options,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    IQuoteWatchStore watchStore,
    ILogger<MarketDataGrain> logger) : Grain, IMarketDataGrain, IQuoteSubscriptionGrain
{
    private readonly StopIndex _index = new();
    private readonly Dictionary<string, QuoteWatch?> _unsaved = new(StringComparer.Ordinal);
    private Task _saving = Task.CompletedTask;
    private IGrainTimer? _sweepTimer;
    private Quote? _latest;
    private DateTimeOffset? _sweptDay;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var symbol = this.GetPrimaryKeyString();
        try
        {
            var restored = 0;
            foreach (var watch in await watchStore.ListAsync(symbol, cancellationToken))
            {
                restored += _index.Restore(watch) ? 1 : 0;
            }

            if (restored > 0)
            {
                LogRestored(symbol, restored);
                EnsureSweeping();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Quotes must flow regardless: the reconciliation sweep re-activates the holders, and they register again.
            LogRestoreFailed(ex, symbol);
        }
    }

    /// <summary>A graceful stop (shutdown, idle collection) stores the changes still queued; only a crash can lose them.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _saving;
        if (_unsaved.Count > 0)
        {
            await SaveUnsavedAsync();
        }
    }

    public Task PublishQuoteAsync(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var errors = QuoteValidator.Validate(quote);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var symbol = this.GetPrimaryKeyString();
        if (!string.Equals(GrainKeys.Symbol(quote.Symbol), symbol, StringComparison.Ordinal))
        {
            throw new InvalidInputException("symbol", $"Quote for {quote.Symbol} sent to the market data of {LogText.Escape(symbol)}.");
        }

        errors = QuoteEdgeChecks.Validate(quote, _latest, clock.GetUtcNow(), options.Value.Quotes);
        if (errors.Count > 0)
        {
            LogQuoteRefused(symbol, ValidationErrors.Describe(errors));
            throw new InvalidInputException(errors);
        }

        if (QuoteEdgeChecks.IsOutOfOrder(quote, _latest))
        {
            LogOutOfOrder(symbol, quote.Timestamp, _latest!.Timestamp);
            return Task.CompletedTask;
        }

        _latest = quote with { Symbol = symbol };
        LogQuote(symbol, quote.Bid, quote.Ask, quote.Timestamp);
        Send(_index.Route(_latest), _latest);
        return Task.CompletedTask;
    }

    public Task<Quote?> GetQuoteAsync() => Task.FromResult(_latest);

    public Task WatchAsync(QuoteWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var changed = _index.Find(watch.AccountId) != watch;
        if (_index.Register(watch, _latest))
        {
            Send([watch.AccountId], _latest!);
        }

        if (changed)
        {
            Save(watch.AccountId, watch);
        }

        EnsureSweeping();
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(string accountId)
    {
        if (_index.Remove(accountId))
        {
            Save(accountId, null);
        }

        EnsureSweeping();
        return Task.CompletedTask;
    }

    private void Send(List<string> accountIds, Quote quote)
    {
        foreach (var accountId in accountIds)
        {
            // One-way: returns at once, so a slow account never delays the publisher.
            _ = GrainFactory.Get<IAccountFeedGrain>(accountId).OnQuoteAsync(quote);
        }
    }

    /// <summary>
    /// Queues an account's watch (null: dropped) for the database. One write is in flight per symbol at a time, holding
    /// every change since the previous one (the latest per account), so the stored index follows the order of the
    /// calls on any database and a burst of trading costs a few writes, not one per signal. Nobody waits for it.
    /// </summary>
    private void Save(string accountId, QuoteWatch? watch)
    {
        _unsaved[accountId] = watch;
        if (_saving.IsCompleted)
        {
            _saving = SaveUnsavedAsync();
        }
    }

    private async Task SaveUnsavedAsync()
    {
        var symbol = this.GetPrimaryKeyString();
        while (_unsaved.Count > 0)
        {
            var changes = _unsaved.Select(c => new QuoteWatchChange(c.Key, c.Value)).ToList();
            _unsaved.Clear();
            try
            {
                await watchStore.ApplyAsync(symbol, changes);
            }
            catch (Exception ex)
            {
                // Lost only for a restart before these accounts change again; the reconciliation sweep covers that.
                LogSaveFailed(ex, symbol, changes.Count);
            }
        }
    }

    private Task SweepAsync()
    {
        var now = clock.GetUtcNow();
        var day = TradingDay.Containing(now, options.Value.TradingWindow).Start;
        if (_sweptDay is { } swept && swept != day && _latest is { } last)
        {
            // Holders' daily figures start from the equity at the day's first quote they see; without this push an
            // account holding overnight would look at the new day only at its next new high or low.
            LogNewDay(this.GetPrimaryKeyString(), _index.Count);
            Send(_index.Holders(), last);
        }

        _sweptDay = day;
        if (_latest is { } latest && MarketFilters.IsFresh(latest, now, options.Value.Filters.MaxQuoteAge))
        {
            var overdue = _index.Overdue(latest);
            if (overdue.Count > 0)
            {
                LogResent(this.GetPrimaryKeyString(), overdue.Count);
                Send(overdue, latest);
            }
        }

        return Task.CompletedTask;
    }

    private void EnsureSweeping()
    {
        if (_index.Count > 0 && _sweepTimer is null)
        {
            var interval = options.Value.StopLoss.CheckInterval;
            _sweepTimer = this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
            _sweptDay ??= TradingDay.Containing(clock.GetUtcNow(), options.Value.TradingWindow).Start;
        }
        else if (_index.Count == 0 && _sweepTimer is not null)
        {
            _sweepTimer.Dispose();
            _sweepTimer = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stop index of {Symbol} read back {Watches} watches from the database")]
    private partial void LogRestored(string symbol, int watches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stop index of {Symbol} could not be read back; its holders are watched again as the reconciliation sweep re-activates them")]
    private partial void LogRestoreFailed(Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stop index of {Symbol}: {Changes} watch changes were not stored; a restart before those accounts change again relies on the reconciliation sweep")]
    private partial void LogSaveFailed(Exception exception, string symbol, int changes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stop index of {Symbol} re-sent the latest quote to {Accounts} accounts it still concerns")]
    private partial void LogResent(string symbol, int accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "A new trading day: the latest quote of {Symbol} goes to all its {Accounts} holders, to mark their day's starting equity")]
    private partial void LogNewDay(string symbol, int accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quote for {Symbol} refused: {Problems}")]
    private partial void LogQuoteRefused(string symbol, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quote for {Symbol} at {Timestamp} arrived after the one at {Latest}: kept the newer one")]
    private partial void LogOutOfOrder(string symbol, DateTimeOffset timestamp, DateTimeOffset latest);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Quote {Symbol} {Bid}/{Ask} at {Timestamp}")]
    private partial void LogQuote(string symbol, decimal bid, decimal ask, DateTimeOffset timestamp);
}
