using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Tests.Support;
using OrleansTrading.Grains.Venue;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Failures in the middle of a signal (a write that fails after the venue filled, a retry long after the first send)
/// must never apply a fill twice, trade twice, or leave a kill-switch in a state that was not stored.
/// Storage failures are injected with SQLite triggers that abort the write.
/// </summary>
public sealed class FailureRegressionTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    private Task ExecAsync(string sql) => ExecAsync(_database.ConnectionString, sql);

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Signal_id_sent_again_after_leaving_the_decision_history_still_returns_its_order_and_applies_nothing_twice()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock,
            new Dictionary<string, string?> { ["Trading:Governor:SignalHistorySize"] = "1" });
        var trading = new TradingDriver(cluster.Client, _clock);
        var account = await trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        await trading.PublishQuoteAsync("EVICT", 100m, 100.05m);
        AssertAccepted(await trading.OpenAsync(account, "EVICT", quantity: 10m, signalId: "o1"));
        await trading.PublishQuoteAsync("EVICT", 101m, 101.05m);
        var first = await trading.CloseAsync(account, "EVICT", quantity: 5m, signalId: "c1");
        Assert.Equal(4.75m, first.RealizedPnl);
        AssertAccepted(await trading.OpenAsync(account, "EVICT", quantity: 1m, signalId: "o2")); // pushes c1 out of the history

        var again = await trading.CloseAsync(account, "EVICT", quantity: 5m, signalId: "c1");

        // The decision left the history, but its order did not: the same answer, and nothing trades.
        Assert.Equal(first, again);
        var snapshot = (await account.GetSnapshotAsync())!;
        var venue = await cluster.Client.GetGrain<IPaperVenueGrain>(id).GetReportAsync();
        var trades = await cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>().GetTradesAsync(id, 0, 100);
        Assert.Equal(venue.NetPositions.GetValueOrDefault("EVICT"), snapshot.Positions.Sum(p => p.Quantity));
        Assert.Equal(6m, snapshot.Positions.Sum(p => p.Quantity));
        Assert.Equal(trades.Items.Sum(t => t.Pnl), snapshot.RealizedPnl);
        Assert.Equal(100_000m + snapshot.RealizedPnl, snapshot.Balance);
        Assert.Equal(0, await cluster.Client.GetGrain<IAccountFeedGrain>(id).ReconcileAsync());
    }

    [Fact]
    public async Task Retried_open_after_a_failed_write_resumes_its_order_instead_of_trading_again()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        var trading = new TradingDriver(cluster.Client, _clock);
        var account = await trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        await trading.PublishQuoteAsync("RETRY", 100m, 100.05m);

        // The pending write succeeds, the venue fills, then the write carrying the fill fails: a crash mid-signal.
        await ExecAsync("CREATE TRIGGER fail_fills BEFORE INSERT ON journal_fills BEGIN SELECT RAISE(ABORT, 'injected'); END;");
        await Assert.ThrowsAnyAsync<Exception>(() => trading.OpenAsync(account, "RETRY", quantity: 10m, signalId: "r1"));
        await ExecAsync("DROP TRIGGER fail_fills;");

        var retry = await trading.OpenAsync(account, "RETRY", quantity: 10m, signalId: "r1");

        AssertAccepted(retry);
        Assert.Equal(10m, retry.FilledQuantity);
        var position = Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.Equal(10m, position.Quantity);
        var venue = await cluster.Client.GetGrain<IPaperVenueGrain>(id).GetReportAsync();
        Assert.Single(venue.Orders);
        Assert.Equal(10m, venue.NetPositions["RETRY"]);
        Assert.Equal(retry, await trading.OpenAsync(account, "RETRY", quantity: 10m, signalId: "r1"));
        Assert.Equal(0, await cluster.Client.GetGrain<IAccountFeedGrain>(id).ReconcileAsync());
    }

    [Fact]
    public async Task Kill_switch_change_that_failed_to_store_does_not_take_effect()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        var trading = new TradingDriver(cluster.Client, _clock);
        await trading.SetKillSwitchAsync(KillSwitchState.Halted);

        await ExecAsync("CREATE TRIGGER fail_updates BEFORE UPDATE ON OrleansStorage BEGIN SELECT RAISE(ABORT, 'injected'); END;");
        await Assert.ThrowsAnyAsync<Exception>(() => trading.SetKillSwitchAsync(KillSwitchState.Active));
        await ExecAsync("DROP TRIGGER fail_updates;");

        Assert.Equal(KillSwitchState.Halted, (await cluster.Client.KillSwitch().GetStatusAsync()).State);
        Assert.Equal(KillSwitchState.Active, (await trading.SetKillSwitchAsync(KillSwitchState.Active)).State);
    }

    [Fact]
    public async Task Unconfirmed_entry_counts_as_exposure_for_the_next_entry()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        var trading = new TradingDriver(cluster.Client, _clock);
        var faults = cluster.GetSiloServiceProvider().GetRequiredService<VenueFaults>();
        var account = await trading.CreateAccountAsync();
        await trading.PublishQuoteAsync("INFL", 100m, 100.05m);

        faults.DropFillReportRate = 1;
        var unconfirmed = await trading.OpenAsync(account, "INFL", quantity: 10m);
        faults.Reset();
        Assert.Equal(0m, unconfirmed.FilledQuantity);

        // The fill report is lost, but the entry is still in flight: the other side may not open on top of it.
        AssertRejected(await trading.OpenAsync(account, "INFL", OrderSide.Sell), RejectionReason.SymbolLocked);
    }

    public void Dispose() => _database.Dispose();
}
