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

    [Fact]
    public async Task First_entry_interrupted_after_the_venue_filled_is_still_protected_after_a_restart()
    {
        const string id = "interrupted-va";
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = await trading.CreateAccountAsync(id);
            await trading.PublishQuoteAsync("NOSTOP", 100m, 100.05m);
            await ExecAsync("CREATE TRIGGER fail_fills BEFORE INSERT ON journal_fills BEGIN SELECT RAISE(ABORT, 'injected'); END;");
            await Assert.ThrowsAnyAsync<Exception>(() => trading.OpenAsync(account, "NOSTOP", quantity: 10m, signalId: "x1"));
            await ExecAsync("DROP TRIGGER fail_fills;");
            Assert.Equal(10m, (await cluster.Client.GetGrain<IPaperVenueGrain>(id).GetReportAsync()).NetPositions["NOSTOP"]);
        }

        // Restarted; the strategy never retries; the price falls through the stop. Nothing calls the account.
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var venue = cluster.Client.GetGrain<IPaperVenueGrain>(id);
            await Eventually.MatchesAsync(async () =>
                {
                    await cluster.Client.MarketData("NOSTOP").PublishQuoteAsync(new Quote("NOSTOP", 90m, 90.05m, _clock.Now));
                    return (await venue.GetReportAsync()).NetPositions.GetValueOrDefault("NOSTOP");
                },
                net => net == 0m, TimeSpan.FromSeconds(20), "the revived account to stop out");
            // The venue is flat once it filled the exit; the account books the trade right after (its own write).
            var journal = cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>();
            var trades = await Eventually.MatchesAsync(() => journal.GetTradesAsync(id, 0, 10), page => page.Total > 0,
                TimeSpan.FromSeconds(10), "the stop-out to be journaled");
            Assert.Equal(OrderPurpose.StopLoss, Assert.Single(trades.Items).Reason);
        }
    }

    /// <summary>
    /// Found by CrashUnderLoadTests: an entry filled at the venue whose answer never reached the client, settled by
    /// reconciliation before the client re-sends the signal id. It used to leave account state with no decision recorded,
    /// so the retry was decided again and a second order filled; unacknowledged signal orders now stay until answered.
    /// </summary>
    [Fact]
    public async Task Retried_signal_whose_filled_order_reconciliation_settled_first_trades_nothing_new()
    {
        const string id = "settled-first-va";
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        var trading = new TradingDriver(cluster.Client, _clock);
        var account = await trading.CreateAccountAsync(id);
        await trading.PublishQuoteAsync("SETL", 100m, 100.05m);
        await ExecAsync("CREATE TRIGGER fail_fills BEFORE INSERT ON journal_fills BEGIN SELECT RAISE(ABORT, 'injected'); END;");
        await Assert.ThrowsAnyAsync<Exception>(() => trading.OpenAsync(account, "SETL", quantity: 10m, signalId: "x1"));
        await ExecAsync("DROP TRIGGER fail_fills;");

        await cluster.Client.GetGrain<IAccountFeedGrain>(id).ReconcileAsync();
        var retry = await trading.OpenAsync(account, "SETL", quantity: 10m, signalId: "x1");

        var venue = await cluster.Client.GetGrain<IPaperVenueGrain>(id).GetReportAsync();
        Assert.Equal(10m, venue.NetPositions["SETL"]);
        Assert.Single(venue.Orders);
        Assert.Equal(10m, retry.FilledQuantity);
    }

    [Fact]
    public async Task Retried_signal_whose_order_never_reached_the_venue_passes_the_guards_again()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        var trading = new TradingDriver(cluster.Client, _clock);
        var faults = cluster.GetSiloServiceProvider().GetRequiredService<VenueFaults>();
        var account = await trading.CreateAccountAsync("never-sent-va");
        await trading.PublishQuoteAsync("LOST", 100m, 100.05m);

        // The order is stored as pending, lost on the way, and the decision write fails: the caller saw an error.
        faults.LoseOrderRate = 1;
        await ExecAsync("""
            CREATE TRIGGER fail_decision BEFORE UPDATE ON OrleansStorage
            WHEN OLD.GrainIdExtensionString = 'never-sent-va' AND OLD.Version >= 2
            BEGIN SELECT RAISE(ABORT, 'injected'); END;
            """);
        await Assert.ThrowsAnyAsync<Exception>(() => trading.OpenAsync(account, "LOST", signalId: "retry-me"));
        await ExecAsync("DROP TRIGGER fail_decision;");
        faults.Reset();

        await trading.SetKillSwitchAsync(KillSwitchState.Halted);
        var retry = await trading.OpenAsync(account, "LOST", signalId: "retry-me");

        AssertRejected(retry, RejectionReason.KillSwitch);
        Assert.Empty((await cluster.Client.GetGrain<IPaperVenueGrain>("never-sent-va").GetReportAsync()).Orders);
        var orders = (await cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>().GetOrdersAsync("never-sent-va", 0, 10)).Items;
        Assert.Equal(OrderStatus.Rejected, Assert.Single(orders).Order.Status);
        Assert.Equal(retry, await trading.OpenAsync(account, "LOST", signalId: "retry-me"));

        // The journal had the first, never acknowledged answer; the retry's answer replaced it.
        var journaled = await cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>().FindDecisionAsync("never-sent-va", "retry-me");
        Assert.Equal(retry, journaled!.Decision);
    }

    [Fact]
    public async Task Database_created_before_the_signal_id_column_is_upgraded_at_start()
    {
        await ExecAsync("""
            CREATE TABLE journal_order_events
            (account_id TEXT NOT NULL, order_id TEXT NOT NULL, seq INTEGER NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
             quantity TEXT NOT NULL, limit_price TEXT NULL, reduce_only INTEGER NOT NULL, purpose TEXT NOT NULL, position_id TEXT NULL,
             status TEXT NOT NULL, filled_quantity TEXT NOT NULL, average_price TEXT NULL, note TEXT NULL, created_at TEXT NOT NULL,
             at TEXT NOT NULL, PRIMARY KEY (account_id, order_id, seq));
            """);
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        var trading = new TradingDriver(cluster.Client, _clock);
        var account = await trading.CreateAccountAsync();
        await trading.PublishQuoteAsync("UPG", 100m, 100.05m);

        AssertAccepted(await trading.OpenAsync(account, "UPG", signalId: "after-upgrade"));
        var order = (await account.GetOrdersAsync(0, 1))!.Items.Single();
        Assert.Equal("after-upgrade", order.Order.SignalId);
    }

    [Fact]
    public async Task Order_id_journaled_before_a_failed_state_write_is_never_given_to_another_order()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        var trading = new TradingDriver(cluster.Client, _clock);
        var account = await trading.CreateAccountAsync("no-reuse-va");
        await trading.PublishQuoteAsync("REUSE", 100m, 100.05m);

        // ord-1 is stored as pending (account row Version 1 -> 2) and filled; the decision's write journals its rows,
        // then its state write fails: the reloaded account must skip ord-1.
        await ExecAsync("""
            CREATE TRIGGER fail_updates BEFORE UPDATE ON OrleansStorage
            WHEN OLD.GrainTypeString = 'account' AND OLD.Version >= 2
            BEGIN SELECT RAISE(ABORT, 'injected'); END;
            """);
        await Assert.ThrowsAnyAsync<Exception>(() => trading.OpenAsync(account, "REUSE", quantity: 10m, signalId: "first"));
        await ExecAsync("DROP TRIGGER fail_updates;");
        var second = await trading.OpenAsync(account, "REUSE", quantity: 3m, signalId: "second");

        AssertAccepted(second);
        Assert.NotEqual("ord-1", second.OrderId);
        var orders = (await account.GetOrdersAsync(0, 10))!.Items;
        Assert.All(orders, o => Assert.Single(orders, x => x.Order.OrderId == o.Order.OrderId));
        Assert.Equal("second", orders.Single(o => o.Order.OrderId == second.OrderId).Order.SignalId);
    }

    public void Dispose() => _database.Dispose();
}
