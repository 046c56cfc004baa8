using Microsoft.Data.Sqlite;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Market data never queues behind storage or signals: a quote is kept in memory and pushed one-way, so it is published
/// and readable at once while the database's write gate is held and the accounts holding its symbol cannot persist.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class QuotePathTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task A_quote_is_published_and_read_while_the_database_write_lock_is_held_and_its_holders_are_stuck()
    {
        var symbol = NewId("QP");
        await _trading.PublishQuoteAsync(symbol, 100m, 100m);
        var holders = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var account = await _trading.CreateAccountAsync();
            AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 1m));
            return account;
        }));

        var database = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<SqliteDatabase>();
        Task<SignalDecision>[] stuck;
        var held = Stopwatch.StartNew();
        await using (var blocker = new SqliteConnection(database.ConnectionString))
        {
            // This connection holds the file's write lock: every write in the silo now waits behind it, signals pile up.
            await blocker.OpenAsync();
            using var holdsLock = blocker.BeginTransaction(deferred: false);
            stuck = [.. holders.Select(h => _trading.CloseAsync(h, symbol))];
            for (var i = 0; i < 20; i++)
            {
                var bid = 99m - i * 0.01m; // each one crosses every holder's stop (98.00) only at the end
                var published = Stopwatch.StartNew();
                await _trading.PublishQuoteAsync(symbol, bid, bid);
                var quote = await _trading.Client.MarketData(symbol).GetQuoteAsync();
                Assert.Equal(bid, quote!.Bid);
                // Behind the writer it would not complete at all while the lock is held; the bound only allows for a loaded machine.
                Assert.True(published.Elapsed < TimeSpan.FromSeconds(5), $"quote {i} took {published.ElapsedMilliseconds} ms to publish and read back");
            }

            Assert.All(stuck, s => Assert.False(s.IsCompleted));
        }

        Assert.All(await Task.WhenAll(stuck), AssertAccepted); // the lock released, the closes persist and answer
        Assert.True(held.Elapsed < TimeSpan.FromSeconds(20));
    }
}
