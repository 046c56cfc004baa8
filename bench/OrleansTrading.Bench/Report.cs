using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansTrading.Bench;

/// <summary>The results as markdown tables (stdout), with the run's context above them.</summary>
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
        text.AppendLine("| synchronous | accounts | signals/s | min-max | vs 1 account | one at a time | concurrency gain | writes/s | p50 ms | p99 ms | max ms | failures | rejected | rows verified | background writes | state KB/account | CPU ms/signal | GCs gen0/1/2 | GC pause | warnings |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
        {
            var r = s.Median;
            var single = summaries.FirstOrDefault(b => b.Median.Synchronous == r.Synchronous && b.Median.Accounts == 1)?.Median;
            var control = s.ControlMedian;
            text.AppendLine(inv,
                $"| {r.Synchronous} | {r.Accounts} | {r.SignalsPerSecond:F0} | {s.MinSignalsPerSecond:F0}-{s.MaxSignalsPerSecond:F0} | {Ratio(r.SignalsPerSecond, single?.SignalsPerSecond)} | {(control is null ? "-" : control.SignalsPerSecond.ToString("F0", inv))} | {Ratio(r.SignalsPerSecond, control?.SignalsPerSecond)} | {r.WritesPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {s.Failures} | {s.Rejected} | {s.RowsMatching}/{s.RowsExpected} | {s.BackgroundWrites} | {r.Storage.StateBytesPerAccount / 1024:F1} | {r.Cost.Cpu.TotalMilliseconds / r.Signals:F2} | {r.Cost.Gen0}/{r.Cost.Gen1}/{r.Cost.Gen2} | {r.Cost.GcPause.TotalMilliseconds / r.Elapsed.TotalMilliseconds * 100:F0}% | {s.Warnings} |");
        }

        if (baselines.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(options.BaselineBytes > 0
                ? $"Storage only (no Orleans): the engine's SqliteDatabase data source and WriteToStorageKey query, K writers at once, {options.BaselineBytes.ToString(inv)}-byte rows:"
                : "Storage only (no Orleans): the engine's SqliteDatabase data source and WriteToStorageKey query, K writers at once, each scenario's account-row size:");
            text.AppendLine();
            text.AppendLine("| synchronous | writers | row bytes | writes/s | min-max | vs 1 writer | p50 ms | p99 ms | failures |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in baselines.GroupBy(b => (b.Synchronous, b.Writers)))
            {
                var runs = group.OrderBy(b => b.WritesPerSecond).ToList();
                var b = runs[(runs.Count - 1) / 2];
                var single = baselines.Where(x => x.Synchronous == b.Synchronous && x.Writers == 1).OrderBy(x => x.WritesPerSecond).ToList();
                text.AppendLine(inv,
                    $"| {b.Synchronous} | {b.Writers} | {b.PayloadBytes} | {b.WritesPerSecond:F0} | {runs[0].WritesPerSecond:F0}-{runs[^1].WritesPerSecond:F0} | {Ratio(b.WritesPerSecond, single.Count == 0 ? null : single[(single.Count - 1) / 2].WritesPerSecond)} | {b.P50Ms:F2} | {b.P99Ms:F2} | {group.Sum(x => x.Failures)} |");
            }
        }

        return text.ToString();
    }

    private static string Ratio(double value, double? reference) =>
        reference is > 0 ? (value / reference.Value).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";

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
