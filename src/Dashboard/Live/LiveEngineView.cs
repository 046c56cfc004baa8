using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Live;

/// <summary>
/// The engine as the pages show it, kept once per dashboard process: each pushed batch re-reads only the accounts it
/// names, once, however many browser tabs are open; pages render from here and listen to <see cref="Updated"/>.
/// </summary>
public sealed partial class LiveEngineView : IHostedService, IDisposable
{
    public const int DecisionsKept = 100;
    private readonly ActivityFeed _feed;
    private readonly TradingReader _reader;
    private readonly TimeProvider _clock;
    private readonly ILogger<LiveEngineView> _logger;
    private readonly SemaphoreSlim _updating = new(1, 1);
    private Dictionary<string, AccountSnapshot> _accounts = new(StringComparer.Ordinal);

    public LiveEngineView(ActivityFeed feed, TradingReader reader, TimeProvider clock, ILogger<LiveEngineView> logger)
    {
        _feed = feed;
        _reader = reader;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Raised after the view changed (on a background thread: components marshal with InvokeAsync).</summary>
    public event Action? Updated;

    public IReadOnlyCollection<AccountSnapshot> Accounts => _accounts.Values;

    public IReadOnlyList<DecisionRecord> Decisions { get; private set; } = [];

    public KillSwitchStatus? KillSwitch { get; private set; }

    public EngineSettings? Settings { get; private set; }

    /// <summary>Every account together, with the exposure against the portfolio limits, as the engine computes it.</summary>
    public PortfolioSummary? Portfolio { get; private set; }

    /// <summary>When the view last matched the engine (shown while the silo is away).</summary>
    public DateTimeOffset? AsOf { get; private set; }

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

    /// <summary>Reads everything (first page load, and after the connection came back).</summary>
    public async Task ReloadAsync()
    {
        await _updating.WaitAsync();
        try
        {
            var accounts = await _reader.ListAccountsAsync();
            _accounts = accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
            Decisions = (await _reader.GetLatestDecisionsAsync(DecisionsKept)).ToList();
            KillSwitch = await _reader.GetKillSwitchAsync();
            Settings = await _reader.GetSettingsAsync();
            Portfolio = await _reader.GetPortfolioAsync();
            AsOf = _clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex);
        }
        finally
        {
            _updating.Release();
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

    private void OnChanged(ActivityBatch batch) => _ = ApplyAsync(batch);

    private void OnResynced() => _ = ReloadAsync();

    private async Task ApplyAsync(ActivityBatch batch)
    {
        await _updating.WaitAsync();
        try
        {
            var snapshots = await Task.WhenAll(batch.ChangedAccounts.Select(_reader.GetAccountAsync));
            var accounts = new Dictionary<string, AccountSnapshot>(_accounts, StringComparer.Ordinal);
            foreach (var snapshot in snapshots.OfType<AccountSnapshot>())
            {
                accounts[snapshot.AccountId] = snapshot;
            }

            _accounts = accounts; // swapped whole: pages may be enumerating the previous one
            if (batch.Decisions.Count > 0)
            {
                Decisions = batch.Decisions.Reverse().Concat(Decisions).Take(DecisionsKept).ToList();
            }

            if (batch.KillSwitchChanged)
            {
                KillSwitch = await _reader.GetKillSwitchAsync();
            }

            if (batch.ChangedAccounts.Count > 0)
            {
                Portfolio = await _reader.GetPortfolioAsync(); // one call per batch, however many accounts changed
            }

            AsOf = batch.At;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex);
        }
        finally
        {
            _updating.Release();
        }

        Updated?.Invoke();
    }

    public void Dispose() => _updating.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the engine for the live view")]
    private partial void LogReadFailed(Exception exception);
}
