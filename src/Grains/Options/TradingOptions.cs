namespace OrleansTrading.Grains.Options;

/// <summary>The one options model of the engine, bound from the <c>Trading</c> configuration section.</summary>
public sealed class TradingOptions
{
    public const string SectionName = "Trading";

    public StorageOptions Storage { get; set; } = new();
    public GovernorOptions Governor { get; set; } = new();
    public FilterOptions Filters { get; set; } = new();
    public QuoteOptions Quotes { get; set; } = new();
    public TradingWindowOptions TradingWindow { get; set; } = new();
    public StopLossOptions StopLoss { get; set; } = new();
    public VenueOptions Venue { get; set; } = new();
    public ApiOptions Api { get; set; } = new();
    public ReconciliationOptions Reconciliation { get; set; } = new();
    public ActivityOptions Activity { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public LimitsOptions Limits { get; set; } = new();
}

/// <summary>
/// What the engine knows of a demo market (src/DemoMarket) feeding it: only enough to say so on status displays and,
/// when asked, to trade at any hour. The demo's own settings in the same section are read by the demo process.
/// </summary>
public sealed class DemoOptions
{
    /// <summary>A demo market feeds this engine: its engine info says so, and the dashboard shows it.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Runs with the trading window off, and says it is off for the demo. Needs <see cref="Enabled"/>: the window is
    /// never ignored quietly.
    /// </summary>
    public bool IgnoreTradingWindow { get; set; }

    /// <summary>Whether the trading window is off because of the demo (and not because it was configured off).</summary>
    public bool IgnoresTradingWindow => Enabled && IgnoreTradingWindow;
}

/// <summary>Pushing the engine's changes to dashboards.</summary>
public sealed class ActivityOptions
{
    /// <summary>How often each silo sends what changed to subscribers: changes in between are coalesced.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}

public sealed class StorageOptions
{
    /// <summary>
    /// Where the engine keeps its state: <c>Sqlite</c> (one silo per database file, the default) or <c>PostgreSql</c>
    /// (a cluster of silos sharing one database: membership, grain state, reminders and the journal).
    /// </summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>The SQLite file (<c>Provider=Sqlite</c>).</summary>
    public string ConnectionString { get; set; } = "Data Source=data/trading.db";

    /// <summary>The Npgsql connection string (<c>Provider=PostgreSql</c>), e.g. <c>Host=db;Database=trading;Username=trading;Password=...</c>.</summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>
    /// SQLite <c>synchronous</c> level. <c>Normal</c> with WAL survives a killed process; only an OS crash or
    /// power loss can drop the last commits. <c>Full</c> survives those too at several times the cost per write.
    /// </summary>
    public string Synchronous { get; set; } = "Normal";

    /// <summary>How long a statement waits for a lock held by another process (e.g. the sqlite3 shell).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the silo checks that its database file is still the one it opened (present, same identity,
    /// writable). A lost file stops every write (503) and turns <c>/health</c> unhealthy within this interval.
    /// </summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Where the silo records the database files it has created (path and identity), outside their folder, so a
    /// deleted database is noticed at the next start instead of silently replaced by an empty one.
    /// Default: <c>known-databases.json</c> under the user's local application data folder.
    /// </summary>
    public string? KnownDatabasesFile { get; set; }

    /// <summary>Start with a new, empty database although this path held one before (the old one is gone for good).</summary>
    public bool AllowRecreate { get; set; }
}

public sealed class GovernorOptions
{
    public int MaxOpenPositions { get; set; } = 3;
    public int CooldownAfterLosses { get; set; } = 3;
    public TimeSpan CooldownDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many recent decisions a VA keeps in memory to answer re-sends without a read; older signal ids are
    /// answered from the decisions journal, so idempotency never depends on this number.
    /// </summary>
    public int SignalHistorySize { get; set; } = 256;
}

public sealed class FilterOptions
{
    public decimal MaxSpreadBps { get; set; } = 10m;
    public decimal MaxSlippageBps { get; set; } = 10m;
    public TimeSpan MaxQuoteAge { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// What a published quote must satisfy to be taken at all (refused with 400 otherwise). Unlike
/// <see cref="FilterOptions.MaxQuoteAge"/>, which only makes a kept quote too stale for entries, these keep absurd
/// or replayed prices out of the market data entirely, so they can never price a fill or trigger a stop.
/// </summary>
public sealed class QuoteOptions
{
    /// <summary>Highest bid or ask accepted; at most the engine's hard cap of 1,000,000,000.</summary>
    public decimal MaxPrice { get; set; } = 10_000_000m;

    /// <summary>
    /// Largest move of the bid or the ask from the symbol's previous quote, in percent; 0 turns the check off. Only
    /// a previous quote at most <see cref="MaxPublicationAge"/> older than the new one counts: after a quiet spell the
    /// market may really have moved that far.
    /// </summary>
    public decimal MaxJumpPercent { get; set; } = 50m;

    /// <summary>How far a quote's timestamp may lie ahead of the trading clock (clock skew between machines).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Oldest timestamp accepted at publication: anything older is a replay, not a quote.</summary>
    public TimeSpan MaxPublicationAge { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class TradingWindowOptions
{
    public bool Enabled { get; set; } = true;
    public TimeOnly Start { get; set; } = new(9, 30);
    public TimeOnly End { get; set; } = new(16, 0);
    public string TimeZone { get; set; } = "America/New_York";
}

public sealed class StopLossOptions
{
    public decimal Percent { get; set; } = 2m;

    /// <summary>How often the safety-net timer checks every open position against the latest quote.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class ReconciliationOptions
{
    /// <summary>How often each VA with open orders or positions reconciles with the venue (5-10 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class VenueOptions
{
    /// <summary>Paper venue only: how far (bps) fills land beyond the quote, to simulate slippage.</summary>
    public decimal SimulatedSlippageBps { get; set; }

    /// <summary>Paper venue only: per-symbol override of <see cref="SimulatedSlippageBps"/>.</summary>
    public Dictionary<string, decimal> SymbolSlippageBps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Paper venue only: delay between receiving an order and acting on it.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Paper venue only: most that fills in one step when the quote carries no size; null = unlimited.</summary>
    public decimal? MaxFillPerStep { get; set; }

    /// <summary>Paper venue only: how often working orders are matched against the latest quote.</summary>
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public VenueFaultOptions Faults { get; set; } = new();
}

/// <summary>Paper venue fault injection for tests and demos; all off by default. Rates are fractions 0..1.</summary>
public sealed class VenueFaultOptions
{
    /// <summary>Fraction of fill reports that never reach the account (reconciliation must repair them).</summary>
    public double DropFillReportRate { get; set; }

    /// <summary>Fraction of orders the venue rejects outright.</summary>
    public double RejectOrderRate { get; set; }

    /// <summary>Fraction of orders lost in transit: the venue never sees them (reconciliation marks them rejected).</summary>
    public double LoseOrderRate { get; set; }

    /// <summary>Added to <see cref="VenueOptions.Latency"/>.</summary>
    public TimeSpan ExtraLatency { get; set; } = TimeSpan.Zero;
}

public sealed class ApiOptions
{
    /// <summary>When set, every <c>/api</c> call needs the header <c>X-Api-Key</c> with this value.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// Signals sent over HTTP that are being decided at once; the rest wait for a place without taking a thread. Enough
    /// to fill every shared commit, few enough that a quote never queues behind thousands of runnable signal steps.
    /// </summary>
    public int MaxConcurrentSignals { get; set; } = 64;
}
