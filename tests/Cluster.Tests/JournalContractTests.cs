using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Cluster.Tests.Support;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Market;
using OrleansTrading.Grains.Reconciliation;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Venue;

namespace OrleansTrading.Cluster.Tests;

/// <summary>
/// The journal and the venue archive behave the same on both providers: the same batch, the same retries, the same
/// pages back. Each case runs against SQLite (a temporary file) and PostgreSQL (a fresh database).
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class JournalContractTests(PostgreSqlServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 14, 30, 0, 125, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "journal-contract-" + Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _databases.ForEach(d => d.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public static TheoryData<string> Providers => [StorageProviders.Sqlite, StorageProviders.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_batch_appended_twice_is_stored_once_and_read_back_exactly(string provider)
    {
        var (journal, _) = await OpenAsync(provider);
        var batch = Batch("va-1", "sig-1", "o-7");
        await journal.AppendAsync(batch);
        await journal.AppendAsync(batch);

        var orders = await journal.GetOrdersAsync("va-1", 0, 10);
        Assert.Equal(1, orders.Total);
        var order = Assert.Single(orders.Items);
        Assert.Equal(batch.OrderEvents[^1].Order, order.Order);
        Assert.Equal([OrderStatus.Pending, OrderStatus.Filled], order.History.Select(h => h.Status));

        var trades = await journal.GetTradesAsync("va-1", 0, 10);
        Assert.Equal(batch.Trades, trades.Items);
        var decision = await journal.FindDecisionAsync("va-1", "sig-1");
        Assert.Equal(batch.Decisions[0], decision);
        Assert.Null(await journal.FindDecisionAsync("va-1", "sig-unknown"));
        Assert.Equal(batch.LimitEvents, await journal.GetLimitEventsAsync("va-1", 10));
        Assert.Equal(7, await journal.GetHighestOrderNumberAsync("va-1"));
        Assert.Equal(0, await journal.GetHighestOrderNumberAsync("va-2"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Decisions_page_newest_first_filter_by_status_and_a_retry_replaces_the_unacknowledged_answer(string provider)
    {
        var (journal, _) = await OpenAsync(provider);
        for (var i = 1; i <= 3; i++)
        {
            await journal.AppendAsync(Batch("va-1", $"sig-{i}", $"o-{i}", T0.AddSeconds(i)));
        }

        var rejected = Decision("va-1", "sig-4", T0.AddSeconds(4)) with
        {
            Status = SignalStatus.Rejected, Reason = RejectionReason.StaleQuote, Detail = "quote too old", OrderId = null,
            FilledQuantity = null, AveragePrice = null, StopLossPrice = null,
        };
        await journal.AppendAsync(new JournalBatch("va-1", [], [], [], [rejected]));

        var page = await journal.GetDecisionsAsync("va-1", 0, 2, null);
        Assert.Equal(4, page.Total);
        Assert.Equal(["sig-4", "sig-3"], page.Items.Select(d => d.SignalId));
        var onlyRejected = await journal.GetDecisionsAsync("va-1", 0, 10, SignalStatus.Rejected);
        Assert.Equal(rejected, Assert.Single(onlyRejected.Items));
        Assert.Equal(["sig-4", "sig-3", "sig-2"], (await journal.GetLatestDecisionsAsync(3)).Select(d => d.SignalId));

        var retried = rejected with { Status = SignalStatus.Accepted, Reason = null, Detail = null, OrderId = "o-9", FilledQuantity = 2.50m };
        await journal.AppendAsync(new JournalBatch("va-1", [], [], [], [retried]));
        Assert.Equal(retried, await journal.FindDecisionAsync("va-1", "sig-4"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_venue_archive_keeps_the_first_report_of_an_order(string provider)
    {
        var (_, archive) = await OpenAsync(provider);
        var report = Report("o-1", OrderStatus.Filled);
        await archive.AppendAsync("va-1", [report, Report("o-2", OrderStatus.Cancelled)]);
        await archive.AppendAsync("va-1", [report with { RejectReason = "changed" }]);

        var found = await archive.FindAsync("va-1", ["o-1", "o-3"]);
        Assert.Equal(report.Order, Assert.Single(found).Order);
        Assert.Equal(report.Fills, found[0].Fills);
        Assert.Null(found[0].RejectReason);
        Assert.Empty(await archive.FindAsync("va-2", ["o-1"]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_account_directory_and_the_shard_lists_keep_one_row_per_account(string provider)
    {
        var (directory, monitored) = await OpenListsAsync(provider);
        await directory.AddAsync(["va-b", "va-a", "Va-c"]);
        await directory.AddAsync(["va-a"]);
        Assert.Equal(["Va-c", "va-a", "va-b"], await directory.ListAsync());

        await monitored.AddAsync("va-1", 3);
        await monitored.AddAsync("va-2", 3);
        await monitored.AddAsync("va-1", 5);
        await monitored.AddAsync("va-3", 5);
        Assert.Equal(["va-1", "va-2"], (await monitored.ListAsync(3)).Order(StringComparer.Ordinal));
        await monitored.RemoveAsync("va-1");
        Assert.Equal(["va-2"], await monitored.ListAsync(3));
        Assert.Equal(["va-3"], await monitored.ListAsync(5));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_stop_index_keeps_the_latest_watch_per_account_and_symbol_with_exact_prices(string provider)
    {
        var store = await OpenWatchesAsync(provider);
        var first = new QuoteWatch("va-1", "ACME", PositionSide.Long, 98.0490m, null, false);
        var moved = first with { StopTrigger = 99.1234567890123m, TrailFrom = 101.5m };
        var shortWatch = new QuoteWatch("va-2", "ACME", PositionSide.Short, null, 97.25m, true);
        await store.ApplyAsync("ACME", [new QuoteWatchChange("va-1", first), new QuoteWatchChange("va-2", shortWatch)]);
        await store.ApplyAsync("ACME", [new QuoteWatchChange("va-1", moved)]);
        await store.ApplyAsync("OTHER", [new QuoteWatchChange("va-1", first with { Symbol = "OTHER" })]);

        Assert.Equal([moved, shortWatch], (await store.ListAsync("ACME")).OrderBy(w => w.AccountId, StringComparer.Ordinal));
        Assert.Equal(99.1234567890123m, (await store.ListAsync("ACME")).Single(w => w.AccountId == "va-1").StopTrigger!.Value);

        await store.ApplyAsync("ACME", [new QuoteWatchChange("va-1", null), new QuoteWatchChange("va-9", null)]);
        Assert.Equal([shortWatch], await store.ListAsync("ACME"));
        Assert.Single(await store.ListAsync("OTHER"));
        Assert.Empty(await store.ListAsync("NONE"));
    }

    private async Task<IQuoteWatchStore> OpenWatchesAsync(string provider)
    {
        if (provider == StorageProviders.PostgreSql)
        {
            var database = Databases.Open(await server.CreateDatabaseAsync("watches"));
            _databases.Add(database);
            database.EnsureSchema();
            return new PostgreSqlQuoteWatchStore(database);
        }

        return new SqliteQuoteWatchStore(OpenSqlite());
    }

    private async Task<(IAccountDirectoryRows Directory, IMonitoredAccounts Monitored)> OpenListsAsync(string provider)
    {
        if (provider == StorageProviders.PostgreSql)
        {
            var database = Databases.Open(await server.CreateDatabaseAsync("lists"));
            _databases.Add(database);
            database.EnsureSchema();
            return (new PostgreSqlAccountDirectory(database), new PostgreSqlMonitoredAccounts(database));
        }

        var sqlite = OpenSqlite();
        return (new SqliteAccountDirectory(sqlite), new SqliteMonitoredAccounts(sqlite));
    }

    [Fact]
    public async Task The_postgresql_journal_refuses_edits_and_deletes()
    {
        var connectionString = await server.CreateDatabaseAsync("appendonly");
        var database = Databases.Open(connectionString);
        _databases.Add(database);
        database.EnsureSchema();
        await new PostgreSqlTradeJournal(database).AppendAsync(Batch("va-1", "sig-1", "o-1"));

        foreach (var sql in new[]
                 {
                     "UPDATE journal_trades SET pnl = 0;", "DELETE FROM journal_fills;", "UPDATE journal_order_events SET status = 'x';",
                     "DELETE FROM journal_decisions;", "DELETE FROM journal_limit_events;",
                 })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Databases.ScalarAsync<long>(connectionString, sql));
            Assert.Contains("append-only", refused.MessageText);
        }
    }

    private async Task<(ITradeJournal Journal, IVenueOrderArchive Archive)> OpenAsync(string provider)
    {
        if (provider == StorageProviders.PostgreSql)
        {
            var database = Databases.Open(await server.CreateDatabaseAsync("journal"));
            _databases.Add(database);
            database.EnsureSchema();
            return (new PostgreSqlTradeJournal(database), new PostgreSqlVenueOrderArchive(database));
        }

        var sqlite = OpenSqlite();
        return (new SqliteTradeJournal(sqlite), new SqliteVenueOrderArchive(sqlite));
    }

    private SqliteDatabase OpenSqlite()
    {
        Directory.CreateDirectory(_folder);
        var sqlite = new SqliteDatabase(Options.Create(new TradingOptions
        {
            Storage =
            {
                ConnectionString = $"Data Source={Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db")}",
                KnownDatabasesFile = Path.Combine(_folder, "known.json"),
            },
        }), NullLogger<SqliteDatabase>.Instance);
        _databases.Add(sqlite);
        sqlite.EnsureSchema();
        return sqlite;
    }

    private static JournalBatch Batch(string account, string signalId, string orderId, DateTimeOffset? at = null)
    {
        var t = at ?? T0;
        var pending = new OrderSnapshot(orderId, "ACME", OrderSide.Buy, 2.50m, 0m, null, 101.10m, false, OrderPurpose.Signal,
            OrderStatus.Pending, t, t, "pos-1", signalId);
        var filled = pending with { FilledQuantity = 2.50m, AveragePrice = 100.0500m, Status = OrderStatus.Filled, UpdatedAt = t.AddMilliseconds(5) };
        return new JournalBatch(account,
            [new OrderEvent(account, 0, pending, null, t), new OrderEvent(account, 1, filled, "done", t.AddMilliseconds(5))],
            [new VenueFill($"f-{orderId}", orderId, "ACME", OrderSide.Buy, 2.50m, 100.0500m, t.AddMilliseconds(5))],
            [new TradeRecord($"t-{orderId}", account, "pos-0", "ACME", PositionSide.Short, 1.5m, 99.10m, 100.0500m, -1.425m,
                OrderPurpose.StopLoss, orderId, t.AddMinutes(-3), t.AddMilliseconds(5))],
            [Decision(account, signalId, t) with { OrderId = orderId }],
            [new LimitEvent(account, $"dailyLossLimit-{signalId}", "dailyLossLimit", "lost 2.1 % of 100000.00", t)]);
    }

    private static DecisionRecord Decision(string account, string signalId, DateTimeOffset at) =>
        new(account, signalId, "ACME", OrderSide.Buy, 2.50m, SignalAction.Open, 1.5m, null, SignalStatus.Accepted, null, null,
            "o-1", 2.50m, 100.0500m, 98.549m, null, at);

    private static VenueOrderReport Report(string orderId, OrderStatus status) =>
        new(new VenueOrder("va-1", orderId, "ACME", OrderSide.Sell, 3.0m, 99.5m, true, TimeInForce.GoodTillCancelled), status,
            [new VenueFill($"f-{orderId}", orderId, "ACME", OrderSide.Sell, 3.0m, 99.50m, T0)], VenueCancelReason.None, null, T0);
}
