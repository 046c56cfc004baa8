using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansTrading.Bench;

/// <summary>The results as one markdown table (stdout), with the run's context above it.</summary>
internal static class Report
{
    private static string _loadAtStart = "n/a";

    /// <summary>Notes the machine's load before anything runs.</summary>
    public static void Start() => _loadAtStart = LoadAverage();

    public static string Markdown(IReadOnlyList<ScenarioSummary> summaries, IReadOnlyList<BaselineResult> baselines, BenchOptions options)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Date (UTC): {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} | cores: {Environment.ProcessorCount} | {RuntimeInformation.FrameworkDescription} | {RuntimeInformation.OSDescription} | 1-min load average at start/end: {_loadAtStart}/{LoadAverage()}");
        text.AppendLine(inv, $"Signals per run: {options.Signals} | runs per scenario: {options.Repeat} (median shown) | signal history: {(options.History == 0 ? "engine default" : options.History.ToString(inv))} | warm-up: {options.Warmup} signals per run, {options.ProcessWarmup} per process");
        if (summaries.SelectMany(s => s.Runs).FirstOrDefault(r => r.Profile.PerOpen > 0)?.Profile is { } profile)
        {
            text.AppendLine(inv, $"Account row writes (measured in warm-up): create -> Version {profile.AfterCreate}, +{profile.PerOpen} per open, +{profile.PerClose} per close");
        }

        text.AppendLine();
        text.AppendLine("| synchronous | accounts | signals/s | min-max signals/s | vs 1 account | writes/s | p50 ms | p99 ms | max ms | failures | rejected | rows verified | avg row bytes | warnings |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
        {
            var r = s.Median;
            var single = summaries.FirstOrDefault(b => b.Median.Synchronous == r.Synchronous && b.Median.Accounts == 1);
            var ratio = single is null || single.Median.SignalsPerSecond <= 0
                ? "-"
                : (r.SignalsPerSecond / single.Median.SignalsPerSecond).ToString("F2", inv) + "x";
            text.AppendLine(inv,
                $"| {r.Synchronous} | {r.Accounts} | {r.SignalsPerSecond:F0} | {s.MinSignalsPerSecond:F0}-{s.MaxSignalsPerSecond:F0} | {ratio} | {r.WritesPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {s.Failures} | {s.Rejected} | {s.RowsMatching}/{s.RowsExpected} | {r.Storage.AveragePayloadBytes:F0} | {s.Warnings} |");
        }

        if (baselines.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Storage only (no Orleans): the engine's SqliteDatabase data source and WriteToStorageKey query, K writers at once, same row size:");
            text.AppendLine();
            text.AppendLine("| synchronous | writers | row bytes | writes/s | min-max writes/s | vs 1 writer | p50 ms | p99 ms | failures |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in baselines.GroupBy(b => (b.Synchronous, b.Writers)))
            {
                var runs = group.OrderBy(b => b.WritesPerSecond).ToList();
                var b = runs[(runs.Count - 1) / 2];
                var single = baselines.Where(x => x.Synchronous == b.Synchronous && x.Writers == 1).OrderBy(x => x.WritesPerSecond).ToList();
                var ratio = single.Count == 0 ? "-" : (b.WritesPerSecond / single[(single.Count - 1) / 2].WritesPerSecond).ToString("F2", inv) + "x";
                text.AppendLine(inv,
                    $"| {b.Synchronous} | {b.Writers} | {b.PayloadBytes} | {b.WritesPerSecond:F0} | {runs[0].WritesPerSecond:F0}-{runs[^1].WritesPerSecond:F0} | {ratio} | {b.P50Ms:F2} | {b.P99Ms:F2} | {group.Sum(x => x.Failures)} |");
            }
        }

        return text.ToString();
    }

    /// <summary>The 1-minute load average (other processes compete for the same cores), when the OS reports it.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
