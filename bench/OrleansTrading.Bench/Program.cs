using OrleansTrading.Bench;

var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

Report.Start();

if (options.Rest)
{
    // Minutes of setup per run, and what is measured is idleness: no process warm-up, one run per level.
    var restRuns = new List<RestResult>();
    foreach (var synchronous in options.SynchronousOption ?? ["Normal"])
    {
        Console.Error.WriteLine($"synchronous={synchronous}, {options.RestAccounts} accounts at rest, {options.Holders} holders of the crossing symbol ...");
        try
        {
            restRuns.Add(await RestScenario.RunAsync(synchronous, options));
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"  scenario failed: {ex}");
            return 1;
        }
    }

    Console.WriteLine(Report.RestMarkdown(restRuns, options));
    var restPassed = restRuns.All(r => r.Passed);
    Console.WriteLine(restPassed ? "Result: PASS (every account opened, every holder flat)." : "Result: FAIL (see the failures and flat columns and stderr).");
    return restPassed ? 0 : 1;
}

// The first silo in a process runs on freshly jitted (tier-0) code and measures up to ~2x slower than later ones:
// one untimed scenario first, so every measured scenario runs on the same, tiered-up code.
var warmupPassed = true;
if (options.ProcessWarmup > 0 && options.Busy)
{
    // The busy scenario's own path (one account, its rows growing on the old engine) is what must be tiered up: in
    // trials after an 8-account warm-up, each process's first busy run had 1.4-1.8x fewer signals/s than its second.
    var signals = Math.Max(2 * BenchOptions.BusyWindow, options.ProcessWarmup + options.ProcessWarmup % 2);
    var warmup = await RunBusyAsync("Normal", 0, options with { SignalsOption = signals }, "process warm-up (not reported)");
    warmupPassed = warmup.Passed;
}
else if (options.ProcessWarmup > 0)
{
    var warmup = await RunOneAsync("Normal", Math.Min(8, options.ProcessWarmup), false, options with { Busy = false, SignalsOption = options.ProcessWarmup }, "process warm-up (not reported)");
    warmupPassed = warmup.Passed;
}

if (options.Busy)
{
    var busyRuns = new List<BusyResult>();
    for (var repeat = 1; repeat <= options.Repeat; repeat++)
    {
        foreach (var synchronous in options.SynchronousLevels)
        {
            busyRuns.Add(await RunBusyAsync(synchronous, repeat, options, $"run {repeat}/{options.Repeat}"));
        }
    }

    Console.WriteLine(Report.BusyMarkdown(busyRuns, options));
    var busyPassed = warmupPassed && busyRuns.All(r => r.Passed);
    Console.WriteLine(busyPassed ? "Result: PASS (no failures, no rejections, the account row verified)." : "Result: FAIL (see the failures / rejected / rows columns and stderr).");
    return busyPassed ? 0 : 1;
}

// Repetitions are interleaved (every scenario once, then again) so slow drift on the machine spreads over all rows.
var runs = new List<ScenarioResult>();
for (var repeat = 1; repeat <= options.Repeat; repeat++)
{
    foreach (var synchronous in options.SynchronousLevels)
    {
        foreach (var accounts in options.AccountCounts)
        {
            runs.Add(await RunOneAsync(synchronous, accounts, false, options, $"run {repeat}/{options.Repeat}"));
            if (options.Control && accounts > 1)
            {
                runs.Add(await RunOneAsync(synchronous, accounts, true, options, $"one account at a time, run {repeat}/{options.Repeat}"));
            }
        }
    }
}

var summaries = runs.GroupBy(r => (r.Synchronous, r.Accounts))
    .Select(g => new ScenarioSummary([.. g.Where(r => !r.OneAtATime)], [.. g.Where(r => r.OneAtATime)]))
    .ToList();

// The same writes without Orleans (by default with each scenario's measured account-row size): the storage path's ceiling.
var baselines = new List<BaselineResult>();
if (options.StorageBaseline)
{
    for (var repeat = 1; repeat <= options.Repeat; repeat++)
    {
        foreach (var summary in summaries)
        {
            var (synchronous, writers) = (summary.Median.Synchronous, summary.Median.Accounts);
            var payload = options.BaselineBytes > 0
                ? options.BaselineBytes
                : Math.Max(1, (int)Math.Round(summary.Median.Storage.AveragePayloadBytes));
            Console.Error.WriteLine($"storage only: synchronous={synchronous}, {writers} writer(s), {options.Signals} writes of {payload} bytes, run {repeat}/{options.Repeat} ...");
            var baseline = await StorageBaseline.RunAsync(synchronous, writers, options.Signals, payload);
            Console.Error.WriteLine(FormattableString.Invariant($"  {baseline.WritesPerSecond:F0} writes/s, p50 {baseline.P50Ms:F2} ms, p99 {baseline.P99Ms:F2} ms, failures {baseline.Failures}"));
            baselines.Add(baseline);
        }
    }
}

Console.WriteLine(Report.Markdown(summaries, baselines, options));
var passed = warmupPassed && summaries.All(s => s.Passed) && baselines.All(b => b.Failures == 0);
Console.WriteLine(passed ? "Result: PASS (no failures, every row verified)." : "Result: FAIL (see the failures / rejected / rows columns and stderr).");
return passed ? 0 : 1;

static async Task<ScenarioResult> RunOneAsync(string synchronous, int accounts, bool oneAtATime, BenchOptions options, string label)
{
    Console.Error.WriteLine($"synchronous={synchronous}, {accounts} account(s), {options.Signals} signals, {label} ...");
    ScenarioResult result;
    try
    {
        result = await Scenario.RunAsync(synchronous, accounts, oneAtATime, options);
    }
    catch (Exception ex)
    {
        // A silo that cannot start or stop is a failed scenario, not a crash that hides the other results.
        Console.Error.WriteLine($"  scenario failed: {ex}");
        result = new ScenarioResult(synchronous, accounts, oneAtATime, options.Signals, TimeSpan.FromTicks(1), 0, new WriteProfile(0, 0, 0),
            new ProcessCost(TimeSpan.Zero, 0, 0, 0, TimeSpan.Zero), 0, 0, 0, 1, 0, new StorageVerification(accounts, 0, 0, 0, 0, null), 0,
            $"{ex.GetType().Name}: {ex.Message}");
    }

    Console.Error.WriteLine(FormattableString.Invariant(
        $"  {result.SignalsPerSecond:F0} signals/s, {result.WritesPerSecond:F0} writes/s, CPU {result.Cost.Cpu.TotalMilliseconds / result.Signals:F2} ms/signal, GCs {result.Cost.Gen0}/{result.Cost.Gen1}/{result.Cost.Gen2}, GC pause {result.Cost.GcPause.TotalMilliseconds / result.Elapsed.TotalMilliseconds:P0}, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, failures {result.Failures}, rejected {result.Rejected}, rows {result.Storage.Matching}/{result.Storage.Expected} (+{result.Storage.BackgroundWrites} background writes), state {result.Storage.StateBytesPerAccount / 1024:F0} KB/account, warnings {result.Warnings}"));
    if (result.FirstProblem is not null)
    {
        Console.Error.WriteLine($"  first problem: {result.FirstProblem}");
    }

    return result;
}

static async Task<BusyResult> RunBusyAsync(string synchronous, int run, BenchOptions options, string label)
{
    Console.Error.WriteLine($"synchronous={synchronous}, busy account, {options.Signals} signals, {label} ...");
    BusyResult result;
    try
    {
        result = await BusyScenario.RunAsync(synchronous, run, options);
    }
    catch (Exception ex)
    {
        // Same as above: a silo that cannot start or stop fails this run and the exit code, and the table still prints.
        Console.Error.WriteLine($"  scenario failed: {ex}");
        var none = new LatencyWindow(0, 0, 0, 0, 0);
        result = new BusyResult(synchronous, run, options.Signals, TimeSpan.FromTicks(1), new ProcessCost(TimeSpan.Zero, 0, 0, 0, TimeSpan.Zero),
            none, none, none, null, null, [], 0, 1, 0, new StorageVerification(1, 0, 0, 0, 0, null), 0, $"{ex.GetType().Name}: {ex.Message}");
    }

    Console.Error.WriteLine(FormattableString.Invariant(
        $"  {result.SignalsPerSecond:F0} signals/s, first {result.First.Count}: p50 {result.First.P50Ms:F2} / p99 {result.First.P99Ms:F2} / mean {result.First.MeanMs:F2} ms, last {result.Last.Count}: p50 {result.Last.P50Ms:F2} / p99 {result.Last.P99Ms:F2} / mean {result.Last.MeanMs:F2} ms, all: p50 {result.All.P50Ms:F2} / p99 {result.All.P99Ms:F2} / max {result.All.MaxMs:F1} ms"));
    Console.Error.WriteLine(FormattableString.Invariant(
        $"  rows: account {result.AccountRowBytes} B, venue {result.VenueRowBytes} B; journal: {string.Join(", ", result.Journal.Select(t => $"{t.Table} {t.Rows} rows/{t.Bytes / 1024.0:F0} KB"))}; database file {result.DatabaseBytes / 1048576.0:F1} MB"));
    Console.Error.WriteLine(FormattableString.Invariant(
        $"  CPU {result.Cost.Cpu.TotalMilliseconds / result.Signals:F2} ms/signal, GCs {result.Cost.Gen0}/{result.Cost.Gen1}/{result.Cost.Gen2}, failures {result.Failures}, rejected {result.Rejected}, rows {result.Storage.Matching}/{result.Storage.Expected} (+{result.Storage.BackgroundWrites} background writes), warnings {result.Warnings}"));
    if (result.FirstProblem is not null)
    {
        Console.Error.WriteLine($"  first problem: {result.FirstProblem}");
    }

    return result;
}
