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
        text.AppendLine("| synchronous | accounts | signals/s | min-max | vs 1 account | one at a time | concurrency gain | writes/s | p50 ms | p99 ms | max ms | failures | rejected | rows verified | background writes | state KB/account | CPU ms/signal | GCs gen0/1/2 | GC pause | warnings | gate uses/signal |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
        {
            var r = s.Median;
            var single = summaries.FirstOrDefault(b => b.Median.Synchronous == r.Synchronous && b.Median.Accounts == 1)?.Median;
            var control = s.ControlMedian;
            text.AppendLine(inv,
                $"| {r.Synchronous} | {r.Accounts} | {r.SignalsPerSecond:F0} | {s.MinSignalsPerSecond:F0}-{s.MaxSignalsPerSecond:F0} | {Ratio(r.SignalsPerSecond, single?.SignalsPerSecond)} | {(control is null ? "-" : control.SignalsPerSecond.ToString("F0", inv))} | {Ratio(r.SignalsPerSecond, control?.SignalsPerSecond)} | {r.WritesPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {s.Failures} | {s.Rejected} | {s.RowsMatching}/{s.RowsExpected} | {s.BackgroundWrites} | {r.Storage.StateBytesPerAccount / 1024:F1} | {r.Cost.Cpu.TotalMilliseconds / r.Signals:F2} | {r.Cost.Gen0}/{r.Cost.Gen1}/{r.Cost.Gen2} | {r.Cost.GcPause.TotalMilliseconds / r.Elapsed.TotalMilliseconds * 100:F0}% | {s.Warnings} | {r.GateUsesPerSignal:F2} |");
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

    /// <summary>Issue #10's bound on each stored row of a busy account (account and venue).</summary>
    private const long SmallRowBytes = 8 * 1024;

    public static string BusyMarkdown(IReadOnlyList<BusyResult> runs, BenchOptions options)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var window = BenchOptions.BusyWindow;
        text.AppendLine(inv, $"Date (UTC): {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} | cores: {Environment.ProcessorCount} | {RuntimeInformation.FrameworkDescription} | {RuntimeInformation.OSDescription} | 1-min load average at start/end: {_loadAtStart}/{LoadAverage()}");
        text.AppendLine(inv, $"Busy account: one account, {options.Signals} signals ({options.Signals / 2} open/close round trips) back to back, first vs last {window} | runs: {options.Repeat} | signal history: {(options.History == 0 ? "engine default" : options.History.ToString(inv))} | warm-up: {options.Warmup} signals per run on another account, {options.ProcessWarmup} per process");
        text.AppendLine();
        text.AppendLine(inv, $"| synchronous | run | signals/s | first {window} p50 ms | p99 ms | mean ms | last {window} p50 ms | p99 ms | mean ms | last/first p50 | last/first mean | account row bytes | venue row bytes | journal rows | journal KB | CPU ms/signal | GCs gen0/1/2 | failures | rejected | row verified | warnings |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            text.AppendLine(inv,
                $"| {r.Synchronous} | {r.Run} | {r.SignalsPerSecond:F0} | {r.First.P50Ms:F2} | {r.First.P99Ms:F2} | {r.First.MeanMs:F2} | {r.Last.P50Ms:F2} | {r.Last.P99Ms:F2} | {r.Last.MeanMs:F2} | {r.P50Ratio:F2}x | {r.MeanRatio:F2}x | {Bytes(r.AccountRowBytes)} | {Bytes(r.VenueRowBytes)} | {r.JournalRows} | {r.JournalBytes / 1024.0:F0} | {r.Cost.Cpu.TotalMilliseconds / r.Signals:F2} | {r.Cost.Gen0}/{r.Cost.Gen1}/{r.Cost.Gen2} | {r.Failures} | {r.Rejected} | {r.Storage.Matching}/{r.Storage.Expected} | {r.Warnings} |");
        }

        if (runs.FirstOrDefault(r => r.Journal.Count > 0) is { } first)
        {
            text.AppendLine();
            text.AppendLine(inv, $"Journal of the busy account (run {first.Run}, {first.Synchronous}), rows and column bytes per table: {string.Join(", ", first.Journal.Select(t => $"{t.Table} {t.Rows} / {t.Bytes / 1024.0:F0} KB"))}");
        }

        // Informational: the exit code covers failures, rejections and the row check only, so the old engine can be measured too.
        var small = runs.Count(r => r.AccountRowBytes is < SmallRowBytes && r.VenueRowBytes is < SmallRowBytes);
        var notSlower = runs.Count(r => r.Last.P50Ms <= r.First.P50Ms);
        text.AppendLine(inv, $"Issue #10 targets (not part of the exit code): account and venue rows under {SmallRowBytes / 1024} KB in {small} of {runs.Count} runs; last {window} p50 no higher than first {window} p50 in {notSlower} of {runs.Count} runs.");
        return text.ToString();
    }

    private static string Bytes(long? bytes) => bytes?.ToString(CultureInfo.InvariantCulture) ?? "no row";

    private static string Ratio(double value, double? reference) =>
        reference is > 0 ? (value / reference.Value).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";

    /// <summary>The 1-minute load average (other processes compete for the same cores), when the OS reports it.</summary>
    public static string RestMarkdown(IReadOnlyList<RestResult> runs, BenchOptions options)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Date (UTC): {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} | cores: {Environment.ProcessorCount} | {RuntimeInformation.FrameworkDescription} | {RuntimeInformation.OSDescription} | 1-min load average at start/end: {_loadAtStart}/{LoadAverage()}");
        text.AppendLine(inv, $"Accounts at rest: each opened one long position with the default stop; idle {options.Idle} s measured after {options.Settle} s of settling; crossing quote for {options.Holders} holders; restart phase {(options.Restart ? "on" : "off")}");
        text.AppendLine();
        text.AppendLine("| synchronous | accounts | setup s | idle cores | idle CPU ms/s | GCs gen0/1/2 | grain writes idle | journal rows idle | reminders | activations | RSS MB | silo alone MB | RSS bytes/account | managed bytes/account | holders | flat | time to flat ms | after restart: flat | ms from quote | failures | warnings |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            text.AppendLine(inv, $"| {r.Synchronous} | {r.Accounts} | {r.Setup.TotalSeconds:F0} | {r.IdleCores:F3} | {r.IdleCost.Cpu.TotalMilliseconds / r.Idle.TotalSeconds:F0} | {r.IdleCost.Gen0}/{r.IdleCost.Gen1}/{r.IdleCost.Gen2} | {r.IdleWrites} | {r.IdleJournalRows} | {r.Reminders} | {r.Activations} | {r.RssBytes / 1048576.0:F0} | {r.RssBaselineBytes / 1048576.0:F0} | {r.RssBytesPerAccount:F0} | {r.ManagedBytesPerAccount:F0} | {r.Holders} | {r.FlatHolders} | {(r.TimeToFlatMs is { } ms ? ms.ToString("F0", inv) : "-")} | {(r.RestartToFlatMs is null ? "-" : r.RestartFlatHolders.ToString(inv))} | {(r.RestartToFlatMs is { } rms ? rms.ToString("F0", inv) : "-")} | {r.Failures} | {r.Warnings} |");
        }

        if (runs.FirstOrDefault(r => r.FirstProblem is not null) is { } failed)
        {
            text.AppendLine();
            text.AppendLine(inv, $"First problem: {failed.FirstProblem}");
        }

        return text.ToString();
    }

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
