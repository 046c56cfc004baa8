using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Another process holding the write lock (a sqlite3 shell, a backup) must cost only the writes it blocked:
/// a 'database is locked' failure must never leave a pooled connection inside a transaction and fail later writes.
/// </summary>
public sealed class DatabaseLockTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task Writes_blocked_by_an_outside_lock_fail_alone_and_later_writes_succeed()
    {
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock,
            new Dictionary<string, string?> { ["Trading:Storage:BusyTimeout"] = "00:00:01" });
        var trading = new TradingDriver(cluster.Client, _clock);
        var accounts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => trading.CreateAccountAsync()));
        await trading.PublishQuoteAsync("LOCK", 100m, 100.05m);

        // An outside writer takes the lock for longer than the busy timeout.
        await using (var outsider = new SqliteConnection(_database.ConnectionString))
        {
            await outsider.OpenAsync();
            await using var begin = outsider.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            var blocked = await Task.WhenAll(accounts.Select(async a =>
            {
                try
                {
                    await trading.OpenAsync(a, "LOCK", quantity: 1m);
                    return null;
                }
                catch (Exception ex)
                {
                    return ex;
                }
            }));
            Assert.Contains(blocked, ex => ex is not null && ex.ToString().Contains("database is locked", StringComparison.OrdinalIgnoreCase));

            await using var rollback = outsider.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        // Lock released: every account, including those whose write failed, trades and persists again.
        await trading.PublishQuoteAsync("LOCK", 100m, 100.05m);
        for (var round = 0; round < 3; round++)
        {
            var decisions = await Task.WhenAll(accounts.Select(a => trading.CloseAsync(a, "LOCK")
                .ContinueWith(_ => trading.OpenAsync(a, "LOCK", quantity: 1m)).Unwrap()));
            Assert.All(decisions, AssertAccepted);
        }

        foreach (var account in accounts)
        {
            var snapshot = await account.GetSnapshotAsync();
            Assert.Single(snapshot!.Positions);
        }
    }

    public void Dispose() => _database.Dispose();
}
