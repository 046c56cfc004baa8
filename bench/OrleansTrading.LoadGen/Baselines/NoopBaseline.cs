using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Baselines;

public sealed record NoopResult(string Name, int Concurrency, long Calls, double CallsPerSecond, LatencySummary Latency, long Failures, ResourceUse Silo);

/// <summary>
/// The cheapest round trip a transport allows, closed loop with the same number of concurrent callers as the
/// load: each caller calls again as soon as it is answered. What the silo's HTTP stack or gateway costs alone.
/// </summary>
public static class NoopBaseline
{
    public static async Task<NoopResult> RunAsync(string name, Func<int, Task<bool>> call, int concurrency, TimeSpan warmup, TimeSpan duration, int siloPid)
    {
        var latencies = new ConcurrentQueue<(long At, long Duration)>();
        long failures = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                var ok = await call(i);
                latencies.Enqueue((t0, Stopwatch.GetTimestamp() - t0));
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        await Task.Delay(warmup);
        var failuresBefore = Interlocked.Read(ref failures);
        var meter = ResourceMeter.ForProcess(siloPid).Start();
        var from = Stopwatch.GetTimestamp();
        await Task.Delay(duration);
        var to = Stopwatch.GetTimestamp();
        var silo = await meter.StopAsync();
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var window = latencies.Where(l => l.At + l.Duration >= from && l.At + l.Duration < to).ToArray();
        var seconds = (to - from) / (double)Stopwatch.Frequency;
        var result = new NoopResult(name, concurrency, window.Length, window.Length / seconds, LatencySummary.FromTicks(window.Select(l => l.Duration)),
            Interlocked.Read(ref failures) - failuresBefore, silo);
        Console.Error.WriteLine($"  {name}: {result.CallsPerSecond:F0} calls/s, p50 {result.Latency.P50Ms:F2} ms, p99 {result.Latency.P99Ms:F2} ms, failures {result.Failures}, silo CPU {silo.Cores:F2} cores");
        return result;
    }
}
