using System.Diagnostics;

namespace OrleansTrading.LoadGen.Load;

/// <summary>Latency percentiles (nearest rank) over Stopwatch tick durations, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    public static LatencySummary FromTicks(IEnumerable<long> durations)
    {
        var sorted = durations.Order().ToArray();
        return sorted.Length == 0
            ? Empty
            : new LatencySummary(sorted.Length, Ms(sorted, 0.50), Ms(sorted, 0.90), Ms(sorted, 0.99), ToMs(sorted[^1]));
    }

    public static LatencySummary FromMilliseconds(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? Empty
            : new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted[^1]);
    }

    public static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Ms(long[] sorted, double p) => ToMs(sorted[Index(sorted.Length, p)]);

    private static double Rank(double[] sorted, double p) => sorted[Index(sorted.Length, p)];

    private static int Index(int length, double p) => Math.Clamp((int)Math.Ceiling(p * length) - 1, 0, length - 1);
}
