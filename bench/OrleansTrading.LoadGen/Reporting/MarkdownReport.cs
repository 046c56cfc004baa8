using System.Globalization;
using System.Text;
using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Scenarios;

namespace OrleansTrading.LoadGen.Reporting;

/// <summary>The report as markdown tables: printed to stdout and written to bench/results/.</summary>
public static class MarkdownReport
{
    public static string Render(RunReport report)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        var m = report.Machine;
        Line($"# OrleansTrading load generator: {report.StartedAt:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        Line($"- Machine: {m.Cores} cores ({m.CpuModel}), {m.RamGb:F1} GB RAM, {m.Os} ({m.Kernel}), {m.DotNet}");
        Line($"- Code: commit `{m.GitCommit[..Math.Min(10, m.GitCommit.Length)]}` on `{m.GitBranch}`{(m.GitDirty ? " with uncommitted changes" : "")}; silo `{m.SiloBuild}`");
        Line($"- Command: `{report.CommandLine}`");
        Line($"- Sizes: {report.Options.Accounts} accounts, {report.Options.WarmupSeconds} s warm-up + {report.Options.DurationSeconds} s measured per run, {report.Options.Repeat} run(s) per scenario, quotes for {report.Options.Symbols} symbols every {report.Options.QuoteIntervalMs} ms through the API");
        Line($"- Load average (1/5/15 min) at start {report.LoadAverageAtStart}, at end {report.LoadAverageAtEnd}; each run's is in its row. {(report.Options.SiloSettings.Count > 0 ? $"Extra silo settings: {string.Join(", ", report.Options.SiloSettings.Select(s => $"{s.Key}={s.Value}"))}." : "")}");
        Line($"- Duration {(report.FinishedAt - report.StartedAt).TotalMinutes:F1} min. Result: {(report.Passed ? "PASS (no errors, every accepted signal found in the journal)" : "FAIL: " + string.Join("; ", Problems(report)))}");
        text.AppendLine();

        if (report.Targets.Count > 0)
        {
            text.AppendLine("## Targets (issues 14 and 12)");
            text.AppendLine();
            text.AppendLine("| issue | target | measured (median of runs) | met |");
            text.AppendLine("|---|---|---|---|");
            foreach (var t in report.Targets)
            {
                Line($"| {t.Issue} | {t.Target} | {t.Measured} | {(t.Met is null ? "n/a" : t.Met.Value ? "yes" : "**no**")}{(t.Note is null ? "" : $" ({t.Note})")} |");
            }

            text.AppendLine();
        }

        if (report.Baselines.Count > 0)
        {
            text.AppendLine("## Baselines");
            text.AppendLine();
            Line($"Raw SQLite: one connection, WAL, single-row upserts of 256 bytes, each its own transaction. No-op round trips: {report.Options.Accounts} concurrent callers, closed loop, against a fresh silo (NORMAL).");
            text.AppendLine();
            text.AppendLine("| run | load avg before | raw SQLite NORMAL upserts/s | raw SQLite FULL upserts/s | HTTP no-op/s | HTTP p50 / p99 ms | grain no-op/s | grain p50 / p99 ms | silo CPU (HTTP / grain) | failures |");
            text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var b in report.Baselines)
            {
                Line($"| {b.Run} | {b.LoadAverageBefore} | {Sqlite(b, "Normal"):F0} | {Sqlite(b, "Full"):F0} | {b.Http.CallsPerSecond:F0} | {b.Http.Latency.P50Ms:F1} / {b.Http.Latency.P99Ms:F1} | {b.Grain.CallsPerSecond:F0} | {b.Grain.Latency.P50Ms:F1} / {b.Grain.Latency.P99Ms:F1} | {b.Http.Silo.Cores:F2} / {b.Grain.Silo.Cores:F2} | {b.Http.Failures + b.Grain.Failures} |");
            }

            text.AppendLine();
        }

        if (report.ClosedLoop.Count > 0)
        {
            text.AppendLine("## Closed loop");
            text.AppendLine();
            text.AppendLine("Each account sends open, close, open, ... one after another; all accounts at once. Accepted/s counts answers (persisted before the answer) within the measured window. Ratios divide by the median baseline of this run.");
            text.AppendLine();
            ClosedTable(text, report.ClosedLoop, report);
        }

        if (report.OpenLoop.Count > 0)
        {
            text.AppendLine("## Open loop with stop-loss reaction");
            text.AppendLine();
            text.AppendLine("Signals due at a fixed rate, each to the next idle account; latency from the due time (no coordinated omission). Stop probes: accounts on their own symbol, a crossing quote published while the load runs; times from the quote's publication to the stop order written by the account, to the venue's acknowledgement of that reduce-only order, and to the position closed, all from the journal.");
            text.AppendLine();
            text.AppendLine("| run | load avg before | offered/s | accepted/s | p50 ms | p90 ms | p99 ms | max ms | rejected | errors | silo CPU cores | load generator CPU cores | stops (rounds) | → stop order p50 / p99 ms | → venue p50 / p99 / max ms | → flat p50 / p99 ms | not flat | journal |");
            text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in report.OpenLoop)
            {
                var s = r.Stops;
                Line($"| {r.Run} | {r.LoadAverageBefore} | {r.OfferedPerSecond} | {r.Load.AcceptedPerSecond:F0} | {r.Load.Latency.P50Ms:F1} | {r.Load.Latency.P90Ms:F1} | {r.Load.Latency.P99Ms:F1} | {r.Load.Latency.MaxMs:F1} | {Rejections(r.Load)} | {r.Load.ErrorsWholeRun} | {r.Silo.Cores:F2} | {r.Client.Cores:F2} | {s.Samples} ({s.Rounds}) | {s.ToStopOrder.P50Ms:F0} / {s.ToStopOrder.P99Ms:F0} | {s.ToVenue.P50Ms:F0} / {s.ToVenue.P99Ms:F0} / {s.ToVenue.MaxMs:F0} | {s.ToFlat.P50Ms:F0} / {s.ToFlat.P99Ms:F0} | {s.NotFlat} | {r.Journal} |");
            }

            text.AppendLine();
        }

        if (report.Dashboard.Count > 0)
        {
            text.AppendLine("## Dashboard (issue 12)");
            text.AppendLine();
            text.AppendLine("The closed-loop load at NORMAL, without (off) and with (on) the dashboard process and one page open in headless Chromium, interleaved. Page: the newest row of the decisions feed read twice a second (changes seen / samples, longest time unchanged); filter round trip: a filter typed into the feed until the page shows its result, every 5 s.");
            text.AppendLine();
            text.AppendLine("| run | dashboard | load avg before | accepted/s | p50 / p99 ms | silo CPU cores | dashboard CPU cores (RSS MB) | browser CPU cores | page changes / samples | longest unchanged s | filter round trip p50 / max ms | page shows | errors | journal |");
            text.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
            foreach (var r in report.Dashboard)
            {
                var d = r.Dashboard;
                Line($"| {r.Run} | {(d is null ? "off" : d.PageOpen ? "on, page open" : "on, no page")} | {r.LoadAverageBefore} | {r.Load.AcceptedPerSecond:F0} | {r.Load.Latency.P50Ms:F1} / {r.Load.Latency.P99Ms:F1} | {r.Silo.Cores:F2} | {(d is null ? "-" : Inv($"{d.Dashboard.Cores:F2} ({d.Dashboard.RssMbPeak:F0})"))} | {(d is null ? "-" : Inv($"{d.Browser.Cores:F2}"))} | {(d is null ? "-" : Inv($"{d.Changes} / {d.Samples}"))} | {(d is null ? "-" : Inv($"{d.LongestUnchangedSeconds:F1}"))} | {(d is null ? "-" : Inv($"{d.Interaction.P50Ms:F0} / {d.Interaction.MaxMs:F0}{(d.InteractionFailures > 0 ? $" ({d.InteractionFailures} timed out)" : "")}"))} | {d?.AccountsShown ?? "-"} | {r.Load.ErrorsWholeRun} | {r.Journal} |");
            }

            text.AppendLine();
            if (DashboardScenario.ThroughputRatio(report.Dashboard) is { } ratio)
            {
                var pairs = report.Dashboard.GroupBy(r => r.Run).Select(g => (Run: g.Key, Off: g.FirstOrDefault(r => r.Dashboard is null), On: g.FirstOrDefault(r => r.Dashboard is { PageOpen: true })))
                    .Where(p => p.Off is not null && p.On is not null && p.Off.Load.AcceptedPerSecond > 0)
                    .Select(p => Inv($"pair {p.Run}: {p.On!.Load.AcceptedPerSecond / p.Off!.Load.AcceptedPerSecond:P1}"));
                Line($"Throughput with the page open ÷ without (means): **{ratio:P1}** (a drop of {1 - ratio:P1}); {string.Join(", ", pairs)}.");
                text.AppendLine();
                if (DashboardScenario.ThroughputRatio(report.Dashboard, DashboardScenario.WithoutPage) is { } processOnly)
                {
                    Line($"With the dashboard process but no page (no browser on this machine) ÷ without: **{processOnly:P1}**.");
                    text.AppendLine();
                }
            }
        }

        if (report.Rest.Count > 0)
        {
            text.AppendLine("## Accounts at rest");
            text.AppendLine();
            Line($"{report.Options.RestAccounts} accounts, each holding one position (stop at 2 %), {report.Options.RestAccounts / Math.Max(1, report.Options.Symbols)} per symbol; no quotes and no signals during the idle window ({report.Options.RestSettleSeconds} s settle, then {report.Options.RestIdleSeconds} s measured). Bytes/account: (RSS at the end of the idle window - RSS of the empty silo) / accounts. Crossing: a quote 3 % below entry for one symbol, streamed every {report.Options.QuoteIntervalMs} ms; times from its publication, from the journal. kill -9: that silo killed and restarted on the same database, a crossing quote for a second symbol streamed from the moment it is healthy; times until each holder's stop order is written.");
            text.AppendLine();
            text.AppendLine("| run | load avg before | holding | set-up s | idle silo CPU cores | RSS MB (empty silo) | bytes/account | database MB | crossing: holders | all flat after ms (p50) | stops fired p50 / max ms | not flat | kill -9: healthy after s | stops fired after healthy p50 / max s | max s after restart | not fired |");
            text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var rest in report.Rest)
            {
                var c = rest.Crossing;
                var k = rest.KillNine;
                Line($"| {rest.Run} | {rest.LoadAverageBefore} | {rest.Holding}/{rest.Accounts} | {rest.SetupSeconds:F0} | {(rest.Idle is null ? "-" : Inv($"{rest.Idle.Cores:F3}"))} | {(rest.Idle is null ? "-" : Inv($"{rest.Idle.RssMbEnd:F0}"))} ({rest.RssMbEmpty:F0}) | {(rest.Idle is null ? "-" : Inv($"{rest.BytesPerAccount:F0}"))} | {rest.DatabaseMb:F1} | {(c is null ? "-" : Inv($"{c.Holders} ({c.Symbol})"))} | {(c is null ? "-" : Inv($"{c.ToFlat.MaxMs:F0} ({c.ToFlat.P50Ms:F0})"))} | {(c is null ? "-" : Inv($"{c.ToStopOrder.P50Ms:F0} / {c.ToStopOrder.MaxMs:F0}"))} | {(c is null ? "-" : Inv($"{c.NotFlat}"))} | {(k is null ? "-" : Inv($"{k.RestartToHealthySeconds:F1}"))} | {(k is null ? "-" : Inv($"{k.HealthyToStopOrder.P50Ms / 1000:F1} / {k.HealthyToStopOrder.MaxMs / 1000:F1}"))} | {(k is null ? "-" : Inv($"{k.RestartToStopOrder.MaxMs / 1000:F1}"))} | {(k is null ? "-" : Inv($"{k.NotFired}"))} |");
            }

            text.AppendLine();
            foreach (var rest in report.Rest.Where(r => r.Problem is not null))
            {
                Line($"Problem in rest run {rest.Run}: {rest.Problem}");
                text.AppendLine();
            }
        }

        if (report.Cluster.Count > 0)
        {
            text.AppendLine("## Cluster on PostgreSQL (issue 16)");
            text.AppendLine();
            Line($"{report.Options.Accounts} accounts created through the first silo, closed loop over HTTP spread round-robin over every silo's API, quotes streaming; a fresh PostgreSQL server ({report.Cluster[0].PostgreSqlVersion}, default durability) and database per run. All processes share this machine's cores, so the figures show what the cluster costs, not what it adds across machines. Commits/s: PostgreSQL's committed transactions in the window (pg_stat_database.xact_commit: every statement outside a transaction counts, reads included; grain state, journal, reminders, membership, market data).");
            text.AppendLine();
            text.AppendLine("| silos | load avg before | accepted/s | p50 ms | p99 ms | errors | CPU cores per silo | silos' CPU total | PostgreSQL commits/s (reads included) | journal |");
            text.AppendLine("|---:|---|---:|---:|---:|---:|---|---:|---:|---|");
            foreach (var r in report.Cluster)
            {
                Line($"| {r.Silos} | {r.LoadAverageBefore} | {r.Load.AcceptedPerSecond:F0} | {r.Load.Latency.P50Ms:F1} | {r.Load.Latency.P99Ms:F1} | {r.Load.ErrorsWholeRun} | {string.Join(" + ", r.PerSilo.Select(s => Inv($"{s.Cores:F2}")))} | {r.SiloCores:F2} | {r.CommitsPerSecond:F0} | {r.Journal}{(r.Problem is null ? "" : ", " + r.Problem)} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static void ClosedTable(StringBuilder text, IReadOnlyList<ClosedLoopResult> runs, RunReport report)
    {
        var sqliteNormal = Median(report.Baselines.Select(b => Sqlite(b, "Normal")));
        var sqliteFull = Median(report.Baselines.Select(b => Sqlite(b, "Full")));
        var http = Median(report.Baselines.Select(b => b.Http.CallsPerSecond));
        var grain = Median(report.Baselines.Select(b => b.Grain.CallsPerSecond));
        text.AppendLine("| scenario | run | transport | synchronous | load avg before | accepted/s | ÷ raw SQLite | ÷ HTTP no-op | ÷ grain no-op | p50 ms | p90 ms | p99 ms | max ms | rejected (by reason) | staleQuote % | errors | silo CPU cores | CPU ms/accepted | silo RSS peak MB | load generator CPU cores | quotes/s (offered) | quote PUT p99 ms | journal |");
        text.AppendLine("|---|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            var rate = r.Load.AcceptedPerSecond;
            var sqlite = r.Synchronous == "Full" ? sqliteFull : sqliteNormal;
            text.AppendLine(Inv($"| {r.Scenario} | {r.Run} | {r.Transport} | {r.Synchronous} | {r.LoadAverageBefore} | {rate:F0} | {Ratio(rate, sqlite)} | {Ratio(rate, http)} | {Ratio(rate, grain)} | {r.Load.Latency.P50Ms:F1} | {r.Load.Latency.P90Ms:F1} | {r.Load.Latency.P99Ms:F1} | {r.Load.Latency.MaxMs:F1} | {Rejections(r.Load)} | {r.Load.StaleQuotePercent:F2} | {r.Load.ErrorsWholeRun} | {r.Silo.Cores:F2} | {r.CpuMsPerAccepted:F2} | {r.Silo.RssMbPeak:F0} | {r.Client.Cores:F2} | {r.Quotes.PublishedPerSecond:F0} ({r.Quotes.OfferedPerSecond:F0}) | {r.Quotes.Latency.P99Ms:F1} | {r.Journal} |"));
        }

        text.AppendLine();
    }

    private static IEnumerable<string> Problems(RunReport report) =>
        report.Failures
            .Concat(report.ClosedLoop.Concat(report.Dashboard).Where(r => !r.Passed).Select(r => Inv($"{r.Scenario} run {r.Run}: {r.Load.ErrorsWholeRun} errors, journal {r.Journal}{(r.Problem is null ? "" : ", " + r.Problem)}{(r.Dashboard?.Problem is null ? "" : ", " + r.Dashboard.Problem)}")))
            .Concat(report.OpenLoop.Where(r => !r.Passed).Select(r => Inv($"open run {r.Run}: {r.Load.ErrorsWholeRun} errors, journal {r.Journal}{(r.Problem is null ? "" : ", " + r.Problem)}{(r.Stops.Problem is null ? "" : ", stops: " + r.Stops.Problem)}")))
            .Concat(report.Baselines.Where(b => !b.Passed).Select(b => Inv($"baselines run {b.Run}: failures")))
            .Concat(report.Rest.Where(r => !r.Passed).Select(rest => Inv($"rest run {rest.Run}: holding {rest.Holding}/{rest.Accounts}, not flat {rest.Crossing?.NotFlat}, stops not fired after kill -9 {rest.KillNine?.NotFired}{(rest.Problem is null ? "" : ", " + rest.Problem)}")));

    private static string Rejections(LoadStats load) =>
        load.Rejected == 0 ? "0" : Inv($"{load.Rejected}: {string.Join(", ", load.Rejections.Select(r => $"{r.Key} {r.Value}"))}");

    private static double Sqlite(BaselineRun b, string level) => b.Sqlite.FirstOrDefault(s => s.Synchronous == level)?.UpsertsPerSecond ?? double.NaN;

    private static double Median(IEnumerable<double> values) => Targets.Median(values);

    private static string Ratio(double value, double baseline) => double.IsNaN(baseline) || baseline <= 0 ? "-" : Inv($"{value / baseline:F3}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
