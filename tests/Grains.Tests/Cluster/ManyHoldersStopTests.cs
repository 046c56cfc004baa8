using System.Diagnostics;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using Xunit.Abstractions;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>One crossing quote for a symbol held by many accounts: the stop index sends it to each, and all go flat.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ManyHoldersStopTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task A_crossing_quote_stops_out_every_one_of_500_holders_and_a_quote_above_their_stops_none()
    {
        var symbol = NewId("MH");
        await _trading.PublishQuoteAsync(symbol, 100m, 100m);
        var holders = new List<IVirtualAccountGrain>();
        foreach (var chunk in Enumerable.Range(0, 500).Chunk(50))
        {
            holders.AddRange(await Task.WhenAll(chunk.Select(async _ =>
            {
                var account = await _trading.CreateAccountAsync();
                AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 1m)); // stop at 98
                return account;
            })));
        }

        await _trading.PublishQuoteAsync(symbol, 98.01m, 98.01m);
        await _trading.PublishQuoteAsync(symbol, 99m, 99m);
        Assert.All(await Task.WhenAll(holders.Select(h => h.GetSnapshotAsync())), s => Assert.Single(s!.Positions));

        var started = Stopwatch.StartNew();
        await _trading.PublishQuoteAsync(symbol, 97.9m, 97.9m);
        await Eventually.MatchesAsync(async () => (await Task.WhenAll(holders.Select(h => h.GetSnapshotAsync()))).Count(s => s!.Positions.Count == 0),
            flat => flat == holders.Count, TimeSpan.FromSeconds(30), "every holder flat");
        output.WriteLine($"500 holders flat {started.ElapsedMilliseconds} ms after the crossing quote (snapshots polled; shared machine)");

        var trades = await Task.WhenAll(holders.Select(h => fixture.Journal.GetTradesAsync(h.GetPrimaryKeyString(), 0, 10)));
        Assert.All(trades, t => Assert.Equal(OrderPurpose.StopLoss, Assert.Single(t.Items).Reason));
    }
}
