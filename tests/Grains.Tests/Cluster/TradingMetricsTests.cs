using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Telemetry;
using OrleansTrading.Grains.Tests.Support;
using OrleansTrading.Grains.Venue;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// The engine's meter on a real silo: each new decision counted once with its status and reason, each stop that fired,
/// each repair reconciliation made, and the SQLite writer's commits. Its own cluster, so no other test's traffic counts.
/// </summary>
public sealed class TradingMetricsTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(TestClock.InsideTradingWindow);
    private InProcessTestCluster _cluster = null!;
    private TradingDriver _trading = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TradingCluster.StartAsync(_database.ConnectionString, _clock);
        _trading = new TradingDriver(_cluster.Client, _clock);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task Each_new_decision_is_counted_once_with_its_status_and_reason()
    {
        using var recorded = Listen();
        var (account, symbol) = await OpenedAsync("MD", "m-1");
        AssertAccepted(await _trading.OpenAsync(account, symbol, signalId: "m-1")); // re-sent: answered, not decided again
        var other = await _trading.CreateAccountAsync();
        var stale = NewId("MS");
        await _trading.PublishQuoteAsync(stale, 100m, 100.05m, age: TimeSpan.FromSeconds(10));
        AssertRejected(await _trading.OpenAsync(other, stale), RejectionReason.StaleQuote);

        Assert.Equal(1, recorded.Sum("trading.signal.decisions", ("status", "accepted"), ("reason", "none")));
        Assert.Equal(1, recorded.Sum("trading.signal.decisions", ("status", "rejected"), ("reason", "staleQuote")));
        Assert.Equal(2, recorded.Sum("trading.signal.decisions"));
    }

    [Fact]
    public async Task A_stop_that_fires_and_a_repair_reconciliation_makes_are_counted()
    {
        using var recorded = Listen();
        var (account, symbol) = await OpenedAsync("MT");
        await _trading.PublishQuoteAsync(symbol, 97m, 97.05m); // below the 2 % stop
        await FlatAsync(account);

        var repaired = await _trading.CreateAccountAsync();
        var repairedId = repaired.GetPrimaryKeyString();
        await _trading.Client.GetGrain<IPaperVenueGrain>(repairedId).SubmitAsync(new VenueOrder(repairedId, "manual-m", symbol,
            OrderSide.Buy, 5m, null, false, TimeInForce.ImmediateOrCancel));
        Assert.Equal(1, await _trading.Client.GetGrain<IAccountFeedGrain>(repairedId).ReconcileAsync());

        Assert.Equal(1, recorded.Sum("trading.stop.triggers", ("kind", "stopLoss")));
        Assert.Equal(1, recorded.Sum("trading.reconciliation.repairs"));
    }

    [Fact]
    public async Task The_writers_commits_and_the_writes_they_carried_are_observable()
    {
        using var recorded = Listen();
        await OpenedAsync("MC");

        recorded.Observe();
        var commits = recorded.Last("trading.storage.commits");
        var writes = recorded.Last("trading.storage.writes");
        Assert.True(commits > 0, $"commits {commits}");
        Assert.True(writes >= commits, $"writes {writes}, commits {commits}");
    }

    /// <summary>A new account long 10 of a new symbol quoted 100 / 100.05 (stop at 2 %).</summary>
    private async Task<(IVirtualAccountGrain Account, string Symbol)> OpenedAsync(string symbolPrefix, string? signalId = null)
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId(symbolPrefix);
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, signalId: signalId));
        return (account, symbol);
    }

    /// <summary>Measurements of this silo's engine meter only (its meter factory is the meters' scope).</summary>
    private Measurements Listen() => new(_cluster.GetSiloServiceProvider().GetRequiredService<IMeterFactory>());

    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> _values = new();

        public Measurements(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TradingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _values.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public void Observe() => _listener.RecordObservableInstruments();

        public long Sum(string instrument, params (string Key, string Value)[] tags) =>
            _values.Where(v => v.Instrument == instrument && tags.All(t => v.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value))))
                .Sum(v => v.Value);

        public long Last(string instrument) => _values.Last(v => v.Instrument == instrument).Value;

        public void Dispose() => _listener.Dispose();
    }
}
