using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Live;

/// <summary>
/// The engine as the pages show it, kept once per dashboard process however many browser tabs are open. Pushed batches
/// are merged and applied at most every <see cref="ApplyInterval"/>: their decisions and the kill-switch at once, and
/// each changed account is read once, in the background, its snapshot taken into the view at the first interval after
/// it arrived. An account grain busy with a signal answers late; the others and the decisions feed do not wait for it.
/// Accounts are sorted once per change, not per page. While no page watches, batches are only merged (nothing is read)
/// and applied when the next page comes. Pages render from here and <see cref="Watch"/> it.
/// </summary>
public sealed partial class LiveEngineView : IHostedService, IDisposable
{
    public const int DecisionsKept = 100;

    /// <summary>Batches and snapshots arriving within this after an apply are taken into the next one (the silo flushes every 250 ms).</summary>
    public static readonly TimeSpan ApplyInterval = TimeSpan.FromMilliseconds(500);

    private readonly ActivityFeed _feed;
    private readonly TradingReader _reader;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveEngineView> _logger;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly Lock _lock = new();
    private readonly PendingChanges _pending = new(DecisionsKept);
    private readonly HashSet<string> _reading = new(StringComparer.Ordinal); // snapshot reads in flight
    private readonly HashSet<string> _changedWhileReading = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccountSnapshot> _arrived = new(StringComparer.Ordinal);
    private Dictionary<string, AccountSnapshot> _accounts = new(StringComparer.Ordinal);
    private PortfolioSummary? _arrivedPortfolio;
    private bool _portfolioDue;
    private bool _readingPortfolio;
    private int _watchers;
    private bool _draining;
    private bool _reloadDue;

    public LiveEngineView(ActivityFeed feed, TradingReader reader, TimeProvider clock, ILogger<LiveEngineView> logger)
    {
        _feed = feed;
        _reader = reader;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Raised after the view changed (on a background thread: components marshal with InvokeAsync).</summary>
    private event Action? Updated;

    /// <summary>Every account, ordered by id; the same list instance until something in it changes.</summary>
    public IReadOnlyList<AccountSnapshot> Accounts { get; private set; } = [];

    /// <summary>The newest decisions first; the same list instance until a decision arrives.</summary>
    public IReadOnlyList<DecisionRecord> Decisions { get; private set; } = [];

    public KillSwitchStatus? KillSwitch { get; private set; }

    public EngineSettings? Settings { get; private set; }

    /// <summary>Every account together, with the exposure against the portfolio limits, as the engine computes it.</summary>
    public PortfolioSummary? Portfolio { get; private set; }

    /// <summary>When the view last matched the engine (shown while the silo is away).</summary>
    public DateTimeOffset? AsOf { get; private set; }

    /// <summary>A page listens to the view until it disposes the result; changes are read only while some page listens.</summary>
    public IDisposable Watch(Action onUpdated)
    {
        Updated += onUpdated;
        lock (_lock)
        {
            _watchers++;
        }

        StartDrainingIfDue();
        return new Watcher(this, onUpdated);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _feed.Changed += OnChanged;
        _feed.Resynced += OnResynced;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _feed.Changed -= OnChanged;
        _feed.Resynced -= OnResynced;
        return Task.CompletedTask;
    }

    /// <summary>A page opens: reads everything unless the view is already filled and nothing was missed.</summary>
    public Task EnsureLoadedAsync() => AsOf is null || Volatile.Read(ref _reloadDue) ? ReloadAsync() : Task.CompletedTask;

    /// <summary>Reads everything (first page load, and after the connection came back).</summary>
    public async Task ReloadAsync()
    {
        await _reloading.WaitAsync();
        try
        {
            lock (_lock)
            {
                _pending.Take(); // everything is read afresh below
                _reloadDue = false;
            }

            var accounts = await _reader.ListAccountsAsync();
            var decisions = (await _reader.GetLatestDecisionsAsync(DecisionsKept)).ToList();
            KillSwitch = await _reader.GetKillSwitchAsync();
            Settings = await _reader.GetSettingsAsync();
            Portfolio = await _reader.GetPortfolioAsync();
            lock (_lock)
            {
                SetAccounts(accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal));
                Decisions = decisions;
            }

            AsOf = _clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex);
        }
        finally
        {
            _reloading.Release();
        }

        Updated?.Invoke();
    }

    /// <summary>The status bar's window state moves with the clock, not with any change: refreshed on demand.</summary>
    public async Task RefreshSettingsAsync()
    {
        try
        {
            Settings = await _reader.GetSettingsAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex);
        }
    }

    private void OnChanged(ActivityBatch batch)
    {
        lock (_lock)
        {
            _pending.Add(batch);
        }

        StartDrainingIfDue();
    }

    /// <summary>Changes may have been missed while the silo was away: re-read everything now, or when the next page comes.</summary>
    private void OnResynced()
    {
        lock (_lock)
        {
            if (_watchers == 0)
            {
                _reloadDue = true;
                return;
            }
        }

        _ = ReloadAsync();
    }

    private void StartDrainingIfDue()
    {
        lock (_lock)
        {
            if (_draining || _watchers == 0 || !HasWork)
            {
                return;
            }

            _draining = true;
        }

        _ = Task.Run(DrainAsync);
    }

    private bool HasWork => !_pending.IsEmpty || _reading.Count > 0 || _arrived.Count > 0 || _portfolioDue || _readingPortfolio || _arrivedPortfolio is not null;

    /// <summary>Applies what is pending and what has arrived, then waits an interval so that what comes meanwhile is applied as one.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            ActivityBatch batch;
            bool changed;
            List<string> toRead;
            bool readPortfolio;
            lock (_lock)
            {
                if (!HasWork || _watchers == 0)
                {
                    _draining = false;
                    return;
                }

                batch = _pending.Take();
                changed = ApplyArrived(batch, out toRead, out readPortfolio);
            }

            // Started outside the lock: each completion takes it to hand its snapshot over.
            foreach (var id in toRead)
            {
                _ = ReadAccountAsync(id);
            }

            if (readPortfolio)
            {
                _ = ReadPortfolioAsync(); // one read per interval at most, however many accounts changed
            }

            if (batch.KillSwitchChanged)
            {
                await ReadKillSwitchAsync();
                changed = true;
            }

            if (changed)
            {
                Updated?.Invoke();
            }

            await Task.Delay(ApplyInterval, _clock);
        }
    }

    /// <summary>Under the lock: takes the batch's decisions and what arrived, and says which reads to start.</summary>
    private bool ApplyArrived(ActivityBatch batch, out List<string> toRead, out bool readPortfolio)
    {
        toRead = [];
        var changed = false;
        if (batch.Decisions.Count > 0)
        {
            Decisions = batch.Decisions.Reverse().Concat(Decisions).Take(DecisionsKept).ToList();
            changed = true;
        }

        if (_arrived.Count > 0)
        {
            var accounts = new Dictionary<string, AccountSnapshot>(_accounts, StringComparer.Ordinal);
            foreach (var (id, snapshot) in _arrived)
            {
                accounts[id] = snapshot;
            }

            _arrived.Clear();
            SetAccounts(accounts);
            _portfolioDue = true;
            changed = true;
        }

        if (_arrivedPortfolio is { } portfolio)
        {
            Portfolio = portfolio;
            _arrivedPortfolio = null;
            changed = true;
        }

        foreach (var id in batch.ChangedAccounts)
        {
            if (!_reading.Add(id))
            {
                _changedWhileReading.Add(id); // the read in flight may predate this change: read again after it
                continue;
            }

            toRead.Add(id);
        }

        readPortfolio = _portfolioDue && !_readingPortfolio;
        if (readPortfolio)
        {
            _portfolioDue = false;
            _readingPortfolio = true;
        }

        if (changed || batch.ChangedAccounts.Count > 0)
        {
            AsOf = batch.At > (AsOf ?? DateTimeOffset.MinValue) ? batch.At : AsOf;
        }

        return changed;
    }

    private async Task ReadAccountAsync(string accountId)
    {
        AccountSnapshot? snapshot = null;
        try
        {
            snapshot = await _reader.GetAccountAsync(accountId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAccountReadFailed(ex, accountId); // the connection chip tells a lost silo; a resync reads everything again
        }

        lock (_lock)
        {
            _reading.Remove(accountId);
            if (snapshot is not null)
            {
                _arrived[accountId] = snapshot;
            }

            if (_changedWhileReading.Remove(accountId))
            {
                _pending.Add(new ActivityBatch([accountId], [], false, AsOf ?? _clock.GetUtcNow()));
            }
        }

        StartDrainingIfDue();
    }

    private async Task ReadPortfolioAsync()
    {
        PortfolioSummary? portfolio = null;
        try
        {
            portfolio = await _reader.GetPortfolioAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex);
        }

        lock (_lock)
        {
            _readingPortfolio = false;
            _arrivedPortfolio = portfolio;
        }

        StartDrainingIfDue();
    }

    private async Task ReadKillSwitchAsync()
    {
        try
        {
            KillSwitch = await _reader.GetKillSwitchAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex);
        }
    }

    /// <summary>Swapped whole, never changed in place: pages may be enumerating the previous one.</summary>
    private void SetAccounts(Dictionary<string, AccountSnapshot> accounts)
    {
        _accounts = accounts;
        Accounts = accounts.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal).ToList();
    }

    private void Unwatch(Action onUpdated)
    {
        Updated -= onUpdated;
        lock (_lock)
        {
            _watchers--;
        }
    }

    public void Dispose() => _reloading.Dispose();

    private sealed class Watcher(LiveEngineView view, Action onUpdated) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                view.Unwatch(onUpdated);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the engine for the live view")]
    private partial void LogReadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read account {AccountId} for the live view")]
    private partial void LogAccountReadFailed(Exception exception, string accountId);
}
