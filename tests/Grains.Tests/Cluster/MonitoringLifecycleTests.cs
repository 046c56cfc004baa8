using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Reconciliation;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Accounts with exposure are listed with their reconciliation shard once, when they first trade; they stay listed
/// across round trips (no write per position), are checked at rest without a call, reconciled in full when anything
/// differs, and leave the list once flat for twelve sweeps.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MonitoringLifecycleTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    private async Task<long> ScalarAsync(string sql, string accountId)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", accountId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> ListedAsync(string accountId) =>
        ScalarAsync("SELECT COUNT(*) FROM monitored_accounts WHERE account_id = $id", accountId);

    private Task<long> StoredVersionsAsync(string accountId) =>
        ScalarAsync("SELECT COALESCE(SUM(Version), 0) FROM OrleansStorage WHERE GrainIdExtensionString = $id", accountId);

    private IReconciliationShardGrain ShardOf(string accountId) =>
        _trading.Client.GetGrain<IReconciliationShardGrain>(ReconciliationShards.Of(accountId));

    [Fact]
    public async Task Round_trips_keep_the_account_listed_once_with_no_reminder_of_its_own()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("ML");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        Assert.Equal(0, await ListedAsync(id));

        for (var i = 0; i < 3; i++)
        {
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            Assert.Equal(1, await ListedAsync(id));
            AssertAccepted(await _trading.CloseAsync(account, symbol));
            Assert.Equal(1, await ListedAsync(id));
        }

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM OrleansRemindersTable WHERE GrainId LIKE '%' || $id", id));
    }

    [Fact]
    public async Task An_account_at_rest_is_verified_by_the_sweep_without_a_write()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("MV");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        var stored = await StoredVersionsAsync(id);
        var before = fixture.Clock.Now;
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        try
        {
            await ShardOf(id).SweepAsync();
            var snapshot = (await account.GetSnapshotAsync())!;
            Assert.True(snapshot.LastReconciledAt > before, $"lastReconciledAt {snapshot.LastReconciledAt} after the sweep");
            Assert.Single(snapshot.Positions);
            Assert.Equal(stored, await StoredVersionsAsync(id));
        }
        finally
        {
            fixture.Clock.Now = before;
        }
    }

    [Fact]
    public async Task A_sweep_reconciles_an_account_whose_venue_disagrees()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("MR");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        fixture.Faults.DropFillReportRate = 1;
        try
        {
            AssertAccepted(await _trading.CloseAsync(account, symbol)); // the venue filled it; the account never heard
        }
        finally
        {
            fixture.Faults.Reset();
        }

        Assert.Single((await account.GetSnapshotAsync())!.Positions);
        Assert.True(await ShardOf(id).SweepAsync() >= 1);
        var snapshot = (await account.GetSnapshotAsync())!;
        Assert.Empty(snapshot.Positions);
        Assert.True(snapshot.ReconciliationRepairs >= 1);
    }

    [Fact]
    public async Task A_flat_account_leaves_the_list_after_twelve_sweeps_and_is_listed_again_when_it_trades()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("MD");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        AssertAccepted(await _trading.CloseAsync(account, symbol));

        var shard = ShardOf(id);
        await shard.SweepAsync();
        Assert.Equal(1, await ListedAsync(id)); // one flat sweep is not a while

        for (var sweeps = 1; sweeps < ReconciliationShardGrain.FlatSweepsBeforeRelease && await ListedAsync(id) == 1; sweeps++)
        {
            await shard.SweepAsync();
        }

        Assert.Equal(0, await ListedAsync(id));
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        Assert.Equal(1, await ListedAsync(id));
    }
}
