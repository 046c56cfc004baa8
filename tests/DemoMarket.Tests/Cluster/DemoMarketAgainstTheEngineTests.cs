using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Hosting;
using OrleansTrading.DemoMarket.Strategies;
using OrleansTrading.DemoMarket.Tests.Support;
using OrleansTrading.Grains;

namespace OrleansTrading.DemoMarket.Tests.Cluster;

/// <summary>
/// The demo as a real grain client (its own host, connected through the gateway) against the real engine on real
/// SQLite, with the trading window ignored for the demo and an accelerated market. What it must have shown is read
/// back from the grains and their journal, as the dashboard reads it.
/// </summary>
public sealed class DemoMarketAgainstTheEngineTests : IAsyncLifetime
{
    private const string ServiceId = "orleans-trading-demo-tests";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly TempDatabase _database = new();
    private readonly string _prefix = $"t{Guid.NewGuid():N}"[..9] + "-";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        // The classic builder, because it can put the gateway on real TCP: the demo connects as any client does.
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Trading:Storage:ConnectionString"] = $"Data Source={_database.FilePath}",
            ["Trading:Storage:KnownDatabasesFile"] = Path.Combine(_database.Folder, "known-databases.json"),
            ["Trading:Demo:Enabled"] = "true",
            ["Trading:Demo:IgnoreTradingWindow"] = "true",
        }));
        builder.AddSiloBuilderConfigurator<TradingEngine>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Within_the_deadline_the_demo_shows_entries_a_partial_fill_a_stop_out_a_cooldown_and_each_rejection()
    {
        var engine = await _cluster.Client.EngineInfo().GetSettingsAsync();
        Assert.True(engine.DemoMarket);
        Assert.True(engine.TradingWindowIgnoredForDemo);
        Assert.True(engine.TradingWindowOpen); // at any hour: the test runs whenever CI does

        var log = new LogLines();
        using var demo = StartDemo(log);
        var started = Stopwatch.StartNew();
        using (var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await demo.StartAsync(startTimeout.Token); // connects to the gateway, or gives up at the timeout
        }

        Evidence seen;
        try
        {
            seen = await WaitForEverythingAsync();
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await demo.StopAsync(CancellationToken.None);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"the demo took {stopping.Elapsed.TotalSeconds:0.0} s to stop");
        }

        Assert.True(seen.Missing.Count == 0,
            $"After {started.Elapsed.TotalSeconds:0} s still missing: {string.Join(", ", seen.Missing)}.{log.Dump()}");

        // One log line per notable event, in the engine's words.
        var lines = log.All;
        Assert.Contains(lines, l => l.Contains("stopped out of", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rejected spreadTooWide", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("in part:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("is cooling down until", StringComparison.Ordinal));
        // The demo's market fits the engine's defaults: no setting it warns about, no quote the engine refused.
        Assert.DoesNotContain(lines, l => l.Contains("disagree", StringComparison.Ordinal) || l.Contains("refused a", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" Error ", StringComparison.Ordinal) || l.Contains(" Critical ", StringComparison.Ordinal));
    }

    private IHost StartDemo(LogLines log)
    {
        var gateway = _cluster.Primary!.GatewayAddress.Endpoint;
        var builder = DemoMarketHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:Gateways"] = $"127.0.0.1:{gateway.Port.ToString(CultureInfo.InvariantCulture)}",
            ["Orleans:ClusterId"] = _cluster.Options.ClusterId,
            ["Orleans:ServiceId"] = ServiceId,
            ["Trading:Demo:Enabled"] = "true",
            ["Trading:Demo:AccountPrefix"] = _prefix,
            ["Trading:Demo:Seed"] = "7",
            // Accelerated: everything the first minute shows, in a few seconds.
            ["Trading:Demo:QuoteInterval"] = "00:00:00.100",
            ["Trading:Demo:DecisionInterval"] = "00:00:00.200",
            ["Trading:Demo:HoldTime"] = "00:00:02",
            ["Trading:Demo:FirstEventsAfter"] = "00:00:01",
            ["Trading:Demo:ShockEvery"] = "00:00:04",
            ["Trading:Demo:ShockDuration"] = "00:00:00.500",
            ["Trading:Demo:WideSpreadDuration"] = "00:00:01",
            ["Trading:Demo:StaleGapDuration"] = "00:00:01.500",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.AddDemoMarket();
        return builder.Build();
    }

    private async Task<Evidence> WaitForEverythingAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var evidence = await GatherAsync();
            if (evidence.Missing.Count == 0 || deadline.Elapsed > Deadline)
            {
                return evidence;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Reads every demo account's decisions, orders and trades back from the journal, as the dashboard does.</summary>
    private async Task<Evidence> GatherAsync()
    {
        var decisions = new List<DecisionRecord>();
        var orders = new List<OrderHistory>();
        var trades = new List<TradeRecord>();
        var snapshots = new List<AccountSnapshot>();
        foreach (var name in StrategyBook.Names)
        {
            var account = _cluster.Client.Account(_prefix + name);
            if (await account.GetSnapshotAsync() is not { } snapshot)
            {
                continue;
            }

            snapshots.Add(snapshot);
            decisions.AddRange((await account.GetDecisionsAsync(0, 1_000, null))!.Items);
            orders.AddRange((await account.GetOrdersAsync(0, 1_000))!.Items);
            trades.AddRange((await account.GetTradesAsync(0, 1_000))!.Items);
        }

        var missing = new List<string>();
        void Expect(bool seen, string what)
        {
            if (!seen)
            {
                missing.Add(what);
            }
        }

        var entries = decisions.Count(d => d is { Action: SignalAction.Open, Status: SignalStatus.Accepted, FilledQuantity: > 0 });
        Expect(entries >= 5, $"entries ({entries} so far)");
        Expect(orders.Any(o => o.Order.Purpose == OrderPurpose.Entry && o.History.Any(h => h.Status == OrderStatus.PartiallyFilled)
            && o.Order.FilledQuantity < o.Order.Quantity), "a partially filled entry");
        Expect(trades.Any(t => t.AccountId == _prefix + "dip" && t.Reason == OrderPurpose.StopLoss), "a stop-out of the dip buyer");
        Expect(snapshots.Any(s => s.AccountId == _prefix + "scalper" && s.CooldownUntil is not null)
            && decisions.Any(d => d.AccountId == _prefix + "scalper" && d.Reason == RejectionReason.Cooldown), "a cooldown of the spread payer");
        foreach (var reason in new[] { RejectionReason.SpreadTooWide, RejectionReason.StaleQuote, RejectionReason.SymbolLocked, RejectionReason.MaxOpenPositions })
        {
            Expect(decisions.Any(d => d.Status == SignalStatus.Rejected && d.Reason == reason), $"a {reason} rejection");
        }

        Expect(!decisions.Any(d => d.Reason is RejectionReason.OutsideTradingWindow or RejectionReason.InsufficientFunds or RejectionReason.NoQuote),
            "no rejection the demo should never cause (window, funds, no quote)");
        return new Evidence(missing);
    }

    private sealed record Evidence(IReadOnlyList<string> Missing);

    /// <summary>The real engine in the test silo, configured from the cluster's host configuration above.</summary>
    private sealed class TradingEngine : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddTradingEngine();
    }
}
