using System.Diagnostics.Metrics;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Json;

namespace OrleansTrading.Grains.Telemetry;

/// <summary>
/// The engine's own instruments on the <see cref="MeterName"/> meter: what it decided, what its stops did, what
/// reconciliation had to repair. Readable with <c>dotnet-counters monitor --counters OrleansTrading</c> on a running
/// silo, and exported over OTLP when the silo is given an endpoint (see the silo's telemetry wiring). Tag values are
/// the API's words (<c>accepted</c>, <c>spreadTooWide</c>, <c>stopLoss</c>), a closed set, so series stay few.
/// </summary>
public sealed class TradingMetrics
{
    public const string MeterName = "OrleansTrading";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _stopTriggers;
    private readonly Counter<long> _repairs;

    public TradingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _decisions = meter.CreateCounter<long>("trading.signal.decisions", "{decision}",
            "New decisions on trade signals, by status and rejection reason (a re-sent signal answered from the journal is not counted again).");
        _stopTriggers = meter.CreateCounter<long>("trading.stop.triggers", "{stop}",
            "Stops that fired and sent a reduce-only exit, by kind (stopLoss, trailingStop).");
        _repairs = meter.CreateCounter<long>("trading.reconciliation.repairs", "{repair}",
            "Differences with the venue that reconciliation repaired.");
    }

    public void Decided(SignalDecision decision) =>
        _decisions.Add(1,
            new KeyValuePair<string, object?>("status", WireName.Of(decision.Status)),
            new KeyValuePair<string, object?>("reason", decision.Reason is { } reason ? WireName.Of(reason) : "none"));

    public void StopTriggered(OrderPurpose purpose) =>
        _stopTriggers.Add(1, new KeyValuePair<string, object?>("kind", WireName.Of(purpose)));

    public void Repaired(int repairs)
    {
        if (repairs > 0)
        {
            _repairs.Add(repairs);
        }
    }
}
