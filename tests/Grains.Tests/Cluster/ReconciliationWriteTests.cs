using Microsoft.Data.Sqlite;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>Reconciliation runs on every reminder tick; it writes the account's state only when it repaired something.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReconciliationWriteTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    /// <summary>Sum of the stored versions of the account's rows (account and venue): any write raises it.</summary>
    private async Task<long> StoredVersionsAsync(string id)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(Version), 0) FROM OrleansStorage WHERE GrainIdExtensionString = $id";
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Reconciliation_with_nothing_to_repair_writes_nothing_but_shows_when_it_ran()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("RW");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));
        var stored = await StoredVersionsAsync(id);
        Assert.True(stored > 0);

        var feed = _trading.Client.GetGrain<IAccountFeedGrain>(id);
        Assert.Equal(0, await feed.ReconcileAsync());
        Assert.Equal(0, await feed.ReconcileAsync());

        Assert.Equal(stored, await StoredVersionsAsync(id));
        Assert.NotNull((await account.GetSnapshotAsync())!.LastReconciledAt);
    }

    [Fact]
    public async Task Reconciliation_that_repairs_writes()
    {
        var account = await _trading.CreateAccountAsync();
        var id = account.GetPrimaryKeyString();
        var symbol = NewId("RX");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 10m));
        fixture.Faults.DropFillReportRate = 1;
        try
        {
            AssertAccepted(await _trading.CloseAsync(account, symbol));
        }
        finally
        {
            fixture.Faults.Reset();
        }

        var stored = await StoredVersionsAsync(id);

        Assert.True(await _trading.Client.GetGrain<IAccountFeedGrain>(id).ReconcileAsync() >= 1);
        Assert.True(await StoredVersionsAsync(id) > stored);
    }
}
