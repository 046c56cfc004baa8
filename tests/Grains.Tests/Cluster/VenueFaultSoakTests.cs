using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Journal;
using OrleansTrading.Grains.Tests.Support;
using OrleansTrading.Grains.Venue;
using Xunit.Abstractions;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Issue 11, venue faults on: several accounts trade round trips at once while the paper venue drops fill reports,
/// rejects and loses orders and adds latency. Once the faults stop and reconciliation has run, every account agrees
/// with the venue and its balance is exactly its initial balance plus the PnL of its journaled trades.
/// </summary>
public sealed class VenueFaultSoakTests(ITestOutputHelper output) : IDisposable
{
    private const int Accounts = 4;
    private const int RoundTrips = 8;
    private const decimal InitialBalance = 100_000m;

    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);

    [Fact]
    public async Task After_reconciliation_every_account_agrees_with_the_venue_and_its_balance_with_its_journaled_trades()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock, new Dictionary<string, string?>
        {
            ["Trading:Venue:Faults:DropFillReportRate"] = "0.25",
            ["Trading:Venue:Faults:RejectOrderRate"] = "0.1",
            ["Trading:Venue:Faults:LoseOrderRate"] = "0.1",
            ["Trading:Venue:Faults:ExtraLatency"] = "00:00:00.005",
            ["Trading:Venue:Latency"] = "00:00:00.005",
            ["Trading:Venue:StepInterval"] = "00:00:00.050",
            // Losing round trips must not end the run in a cooldown: the faults, not the governor, are under test.
            ["Trading:Governor:CooldownAfterLosses"] = "1000",
        });
        var services = cluster.GetSiloServiceProvider();
        var trading = new TradingDriver(cluster.Client, _clock);
        var ids = Enumerable.Range(1, Accounts).Select(i => $"soak-{i}").ToList();

        var decisions = await Task.WhenAll(ids.Select(id => TradeRoundTripsAsync(trading, id, $"SK{id[^1]}")));
        var all = decisions.SelectMany(d => d).ToList();
        output.WriteLine($"{all.Count} decisions in {watch.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ",
            all.GroupBy(d => d.Reason?.ToString() ?? (d.FilledQuantity == 0 ? "acceptedUnconfirmed" : "accepted")).Select(g => $"{g.Key} {g.Count()}")));

        // Faults off (the venue's live switches), then reconcile until the venue has nothing working.
        var faults = services.GetRequiredService<VenueFaults>();
        faults.DropFillReportRate = faults.RejectOrderRate = faults.LoseOrderRate = 0;
        faults.ExtraLatency = TimeSpan.Zero;
        foreach (var id in ids)
        {
            await SettleAsync(cluster.Client, id);
        }

        var journal = services.GetRequiredService<ITradeJournal>();
        foreach (var id in ids)
        {
            await AssertAgreesWithVenueAsync(cluster.Client, journal, id);
        }

        // Repairs happen during the traffic too (the reconciliations in between, the reminders): count them all.
        var repairs = 0;
        foreach (var id in ids)
        {
            repairs += (await cluster.Client.Account(id).GetSnapshotAsync())!.ReconciliationRepairs;
        }

        output.WriteLine($"{repairs} repairs; test took {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(repairs > 0, "The faults should have left something for reconciliation to repair.");
    }

    /// <summary>Opens and closes a position again and again on the account's own symbol, the price rising in between.</summary>
    private async Task<List<SignalDecision>> TradeRoundTripsAsync(TradingDriver trading, string accountId, string symbol)
    {
        var account = await trading.CreateAccountAsync(accountId, InitialBalance);
        var feed = trading.Client.GetGrain<IAccountFeedGrain>(accountId);
        var decisions = new List<SignalDecision>();
        for (var trip = 0; trip < RoundTrips; trip++)
        {
            var price = 100m + trip;
            await PublishAsync(trading, symbol, price);
            decisions.Add(await trading.OpenAsync(account, symbol, quantity: 5m + trip % 3));
            await PublishAsync(trading, symbol, price + 0.5m);
            decisions.Add(await trading.CloseAsync(account, symbol));
            if (trip % 4 == 3)
            {
                await feed.ReconcileAsync(); // as the reminder would, in the middle of the traffic
            }
        }

        return decisions;
    }

    /// <summary>Each quote strictly newer than the last, so none is ignored as out of order.</summary>
    private Task PublishAsync(TradingDriver trading, string symbol, decimal bid)
    {
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        return trading.PublishQuoteAsync(symbol, bid, bid + 0.05m);
    }

    private static async Task SettleAsync(IClusterClient client, string accountId)
    {
        var feed = client.GetGrain<IAccountFeedGrain>(accountId);
        var venue = client.GetGrain<IPaperVenueGrain>(accountId);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var made = await feed.ReconcileAsync();
            var working = (await venue.GetReportAsync()).Orders.Count(o => !o.IsTerminal);
            if (made == 0 && working == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{accountId} still has {working} working orders at the venue, or repairs ({made}) on each pass.");
            await Task.Delay(100);
        }
    }

    private static async Task AssertAgreesWithVenueAsync(IClusterClient client, ITradeJournal journal, string accountId)
    {
        var snapshot = (await client.Account(accountId).GetSnapshotAsync())!;
        var report = await client.GetGrain<IPaperVenueGrain>(accountId).GetReportAsync();

        var held = snapshot.Positions.GroupBy(p => p.Symbol)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Side == PositionSide.Long ? p.Quantity : -p.Quantity));
        var atVenue = report.NetPositions.Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(atVenue.OrderBy(p => p.Key), held.OrderBy(p => p.Key));

        var orders = await journal.GetOrdersAsync(accountId, 0, 1000);
        Assert.True(orders.Total <= 1000, "Page the orders.");
        Assert.All(orders.Items, o => Assert.True(o.Order.Status.IsTerminal(), $"{accountId} {o.Order.OrderId} is still {o.Order.Status}."));

        var trades = await journal.GetTradesAsync(accountId, 0, 1000);
        Assert.True(trades.Total <= 1000, "Page the trades.");
        var journaledPnl = trades.Items.Sum(t => t.Pnl);
        Assert.Equal(InitialBalance + journaledPnl, snapshot.Balance);
        Assert.Equal(journaledPnl, snapshot.RealizedPnl);
        Assert.Equal(0, await client.GetGrain<IAccountFeedGrain>(accountId).ReconcileAsync());
    }

    public void Dispose() => _database.Dispose();
}
