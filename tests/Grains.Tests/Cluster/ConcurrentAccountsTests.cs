using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ConcurrentAccountsTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task Two_hundred_accounts_signalling_at_once_are_all_answered_and_persisted()
    {
        const int accounts = 200;
        var symbol = NewId("CC");
        var prefix = NewId("crowd");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        var grains = await Task.WhenAll(Enumerable.Range(0, accounts)
            .Select(i => _trading.CreateAccountAsync($"{prefix}-{i}", 10_000m)));

        // Two rounds each: an entry, then a second entry racing every other account's writes.
        var decisions = await Task.WhenAll(grains.Select(async grain =>
        {
            var first = await _trading.OpenAsync(grain, symbol, quantity: 1m);
            var second = await _trading.OpenAsync(grain, symbol, quantity: 1m);
            return new[] { first, second };
        }));

        Assert.All(decisions.SelectMany(d => d), AssertAccepted);

        // Every acknowledged decision is on disk: read the stored rows outside the silo.
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdExtensionString LIKE $prefix AND Version >= 3";
        command.Parameters.AddWithValue("$prefix", $"{prefix}-%");
        Assert.Equal(accounts, Convert.ToInt32(await command.ExecuteScalarAsync()));

        foreach (var grain in grains.Take(5))
        {
            Assert.Equal(2, (await grain.GetSnapshotAsync())!.Positions.Count);
        }
    }
}
