using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Grains.Reconciliation;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// The stop index is read back from the database after a restart: the first crossing quote reaches the holders it
/// concerns although no account has been re-activated. The restarted silo's reconciliation lists are hidden here, so
/// the sweep that would otherwise re-activate every account (the safety net) cannot be what stops the position out.
/// </summary>
public sealed class StopIndexRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    private Task<Orleans.TestingHost.InProcessTestCluster> StartWithoutSweepAsync() =>
        TradingCluster.StartAsync(_database.ConnectionString, _clock, services: services =>
            services.AddSingleton<IMonitoredAccounts, NothingMonitored>());

    [Fact]
    public async Task After_a_restart_the_first_crossing_quote_stops_out_a_holder_nobody_has_called()
    {
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("holder");
            await trading.PublishQuoteAsync("AAPL", 100m, 100.05m);
            AssertAccepted(await trading.OpenAsync(account, "AAPL", quantity: 10m));
            await Eventually.MatchesAsync(() => Task.FromResult(StoredWatches("AAPL")), w => w.Contains("holder"), TimeSpan.FromSeconds(5), "the watch to be stored");
        }

        await using (var cluster = await StartWithoutSweepAsync())
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            await trading.PublishQuoteAsync("AAPL", 97m, 97.05m); // below the 2 % stop

            // Read from the file, not from the account: a call to it would re-activate it and arm its stop by itself.
            await Eventually.MatchesAsync(() => Task.FromResult(StopOuts("holder")), n => n == 1, TimeSpan.FromSeconds(10), "the stop-out of the holder");
            Assert.Empty((await cluster.Client.Account("holder").GetSnapshotAsync())!.Positions);
        }
    }

    [Fact]
    public async Task A_watch_left_over_by_a_crash_is_dropped_by_its_account_at_the_first_quote_that_wakes_it()
    {
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync("was-holder");
            await trading.PublishQuoteAsync("MSFT", 100m, 100.05m);
            AssertAccepted(await trading.OpenAsync(account, "MSFT", quantity: 10m));
            AssertAccepted(await trading.CloseAsync(account, "MSFT"));
            await Eventually.MatchesAsync(() => Task.FromResult(StoredWatches("MSFT")), w => w.Count == 0, TimeSpan.FromSeconds(5), "the watch to be dropped");
        }

        // A crash between the close and the removal of its watch would leave this row behind.
        Execute("INSERT INTO quote_watches (symbol, account_id, side, stop_trigger, trail_from, all_quotes) VALUES ('MSFT', 'was-holder', 'long', '98.049', NULL, 0);");

        await using (var cluster = await StartWithoutSweepAsync())
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            await trading.PublishQuoteAsync("MSFT", 97m, 97.05m);

            await Eventually.MatchesAsync(() => Task.FromResult(StoredWatches("MSFT")), w => w.Count == 0, TimeSpan.FromSeconds(10), "the left-over watch to be dropped");
            Assert.Equal(0, StopOuts("was-holder"));
            Assert.Empty((await cluster.Client.Account("was-holder").GetSnapshotAsync())!.Positions);
        }
    }

    private List<string> StoredWatches(string symbol)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id FROM quote_watches WHERE symbol = $symbol;";
        command.Parameters.AddWithValue("$symbol", symbol);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private long StopOuts(string accountId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal_trades WHERE account_id = $id AND reason = 'stopLoss';";
        command.Parameters.AddWithValue("$id", accountId);
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Reconciliation lists that hold nobody: the restarted silo's sweep re-activates no account.</summary>
    private sealed class NothingMonitored : IMonitoredAccounts
    {
        public Task AddAsync(string accountId, int shard, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task RemoveAsync(string accountId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<string>> ListAsync(int shard, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }
}
