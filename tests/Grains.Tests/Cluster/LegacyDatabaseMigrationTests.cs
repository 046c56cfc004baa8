using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// A database file written by the release that kept history in grain state (commit 0a117b1: the last 256 decisions
/// and 50 finished orders per account, 500 finished orders per venue) opens with everything it acknowledged.
/// The fixture is that release's own TestCluster output, dumped with sqlite3.
/// </summary>
public sealed class LegacyDatabaseMigrationTests : IDisposable
{
    private const string Account = "legacy-va";
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task A_database_from_the_release_that_kept_history_in_grain_state_opens_with_its_accounts_decisions_and_small_rows()
    {
        await LoadFixtureAsync();
        var before = await StoredRowSizesAsync();
        Assert.True(before["account"] > 8 * 1024, "the fixture should hold the old, large account state");

        for (var start = 0; start < 2; start++) // the upgrade is done once; a second start changes nothing
        {
            await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
            var trading = new TradingDriver(cluster.Client, _clock);
            var account = cluster.Client.Account(Account);
            await trading.PublishQuoteAsync("OLD", 100m, 100.05m);

            var snapshot = (await account.GetSnapshotAsync())!;
            Assert.Equal(100_006m, snapshot.Balance); // 60 round trips, each +0.05 on 2
            Assert.Equal(60, snapshot.Wins);
            var position = Assert.Single(snapshot.Positions);
            Assert.Equal(5m, position.Quantity);

            // Every decision the old release remembered still answers its re-send, and nothing trades.
            AssertRejected(await trading.OpenAsync(account, "OLD", signalId: "legacy-rejected"), RejectionReason.NoQuote);
            AssertAccepted(await trading.OpenAsync(account, "OLD", quantity: 2m, signalId: "legacy-o-0"));
            var reopened = await trading.OpenAsync(account, "OLD", quantity: 5m, signalId: "legacy-open");
            AssertAccepted(reopened);
            Assert.Equal(5m, reopened.FilledQuantity);
            Assert.Equal(position with { CurrentPrice = null, UnrealizedPnl = 0m },
                Assert.Single((await account.GetSnapshotAsync())!.Positions) with { CurrentPrice = null, UnrealizedPnl = 0m });

            var decisions = (await account.GetDecisionsAsync(0, 500, null))!;
            Assert.Equal(122, decisions.Total);
            Assert.Equal(121, (await account.GetOrdersAsync(0, 1))!.Total); // the rejection sent no order
            Assert.Equal(0, await cluster.Client.GetGrain<IAccountFeedGrain>(Account).ReconcileAsync());

            var journal = cluster.GetSiloServiceProvider().GetRequiredService<ITradeJournal>();
            Assert.Equal(60, (await journal.GetTradesAsync(Account, 0, 1)).Total);
        }

        var after = await StoredRowSizesAsync();
        Assert.All(after, row => Assert.True(row.Value < 8 * 1024, $"{row.Key} row is {row.Value} bytes"));

        // And it keeps trading under the new release.
        await using (var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock))
        {
            var trading = new TradingDriver(cluster.Client, _clock);
            await trading.PublishQuoteAsync("OLD", 100.10m, 100.15m);
            var close = await trading.CloseAsync(cluster.Client.Account(Account), "OLD", quantity: 5m, signalId: "after-upgrade");
            AssertAccepted(close);
            Assert.Equal(0.25m, close.RealizedPnl);
        }
    }

    private async Task LoadFixtureAsync()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-0a117b1.sql"));
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = script;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<string, long>> StoredRowSizesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_database.FilePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT GrainTypeString, length(PayloadBinary) FROM OrleansStorage WHERE GrainIdExtensionString = $id;";
        command.Parameters.AddWithValue("$id", Account);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    public void Dispose() => _database.Dispose();
}
