using System.Diagnostics;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Bench;

/// <summary>Caller-seen latency of a slice of signals.</summary>
public sealed record LatencyWindow(int Count, double P50Ms, double P99Ms, double MeanMs, double MaxMs)
{
    public static LatencyWindow Of(ReadOnlySpan<long> ticks)
    {
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return new LatencyWindow(sorted.Length, Scenario.Percentile(sorted, 0.50), Scenario.Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : Scenario.ToMs((long)sorted.Average()), sorted.Length == 0 ? 0 : Scenario.ToMs(sorted[^1]));
    }
}

/// <summary>One journal table's rows for the busy account and their column bytes (no b-tree or index overhead).</summary>
public sealed record JournalTable(string Table, long Rows, long Bytes);

/// <summary>What one run of the busy-account scenario measured; see bench/README.md for the columns.</summary>
public sealed record BusyResult(
    string Synchronous,
    int Run,
    int Signals,
    TimeSpan Elapsed,
    ProcessCost Cost,
    LatencyWindow First,
    LatencyWindow Last,
    LatencyWindow All,
    long? AccountRowBytes,
    long? VenueRowBytes,
    IReadOnlyList<JournalTable> Journal,
    long DatabaseBytes,
    int Failures,
    int Rejected,
    StorageVerification Storage,
    int Warnings,
    string? FirstProblem)
{
    public double SignalsPerSecond => Signals / Elapsed.TotalSeconds;

    public double P50Ratio => First.P50Ms > 0 ? Last.P50Ms / First.P50Ms : double.NaN;

    public double MeanRatio => First.MeanMs > 0 ? Last.MeanMs / First.MeanMs : double.NaN;

    public long JournalRows => Journal.Sum(t => t.Rows);

    public long JournalBytes => Journal.Sum(t => t.Bytes);

    public bool Passed => Failures == 0 && Rejected == 0 && Storage.AllMatch;
}

/// <summary>
/// One account that trades a lot: on a fresh silo and database, a new account sends <c>options.Signals</c> signals
/// strictly one after another (open 1, close all, ...), the same quote and signals as the account-count scenarios.
/// Comparing its first and last <see cref="BenchOptions.BusyWindow"/> signals in the same run shows whether a
/// signal's cost grows with the account's history; the stored rows at the end show what each write carries.
/// </summary>
public static class BusyScenario
{
    public const string AccountId = Scenario.AccountPrefix + "busy";

    /// <summary>GrainTypeString of the paper venue's state (one venue grain per account, keyed by the account id).</summary>
    public const string VenueStateName = "venue";

    public static async Task<BusyResult> RunAsync(string synchronous, int run, BenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync(synchronous, options.History, options.Keep);
        if (options.Keep)
        {
            Console.Error.WriteLine($"  database: {silo.DatabasePath}");
        }

        var client = silo.Client;
        await client.MarketData(Scenario.Symbol).PublishQuoteAsync(new Quote(Scenario.Symbol, Scenario.Price, Scenario.Price, DateTimeOffset.UtcNow));

        var problems = new Scenario.Problems();
        await Scenario.CreateAsync(client, AccountId, problems);

        // The warm-up runs on its own account, so the busy account's first signals are those of a fresh account on
        // tiered-up code: the first window measures a new account, not the JIT.
        var profile = await Scenario.WarmUpAsync(client, silo.DatabasePath, options.Warmup, problems);

        var latencies = new long[options.Signals];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var warningsBefore = silo.Warnings.Total;
        var measureCost = ProcessCost.Measure();
        var started = Stopwatch.GetTimestamp();

        await Scenario.SendAsync(client.Account(AccountId), AccountId, 0, options.Signals, latencies, problems);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cost = measureCost();
        var warnings = silo.Warnings.Total - warningsBefore;

        // Rows as a restart would load them: read only after the silo has stopped and written its last state.
        await silo.StopAsync();
        var storage = StorageVerifier.Verify(silo.DatabasePath, Scenario.AccountPrefix,
            new Dictionary<string, long>(StringComparer.Ordinal) { [AccountId] = profile.ExpectedVersion(options.Signals) });
        var window = BenchOptions.BusyWindow;
        return new BusyResult(synchronous, run, options.Signals, elapsed, cost,
            LatencyWindow.Of(latencies.AsSpan(0, window)),
            LatencyWindow.Of(latencies.AsSpan(options.Signals - window, window)),
            LatencyWindow.Of(latencies),
            StorageVerifier.RowBytes(silo.DatabasePath, StorageVerifier.AccountStateName, AccountId),
            StorageVerifier.RowBytes(silo.DatabasePath, VenueStateName, AccountId),
            StorageVerifier.Journal(silo.DatabasePath, AccountId),
            DatabaseBytes(silo.DatabasePath),
            problems.Failures, problems.Rejected, storage, warnings, problems.First ?? storage.FirstMismatch);
    }

    /// <summary>The database file and its WAL, whatever the last checkpoint left there (includes the warm-up account).</summary>
    private static long DatabaseBytes(string databasePath) =>
        new[] { databasePath, databasePath + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);
}
