using System.Diagnostics;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Bench;

/// <summary>What one scenario measured; see bench/README.md for the meaning of each column.</summary>
public sealed record ScenarioResult(
    string Synchronous,
    int Accounts,
    bool OneAtATime,
    int Signals,
    TimeSpan Elapsed,
    long Writes,
    WriteProfile Profile,
    ProcessCost Cost,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    int Failures,
    int Rejected,
    StorageVerification Storage,
    int Warnings,
    string? FirstProblem)
{
    public double SignalsPerSecond => Signals / Elapsed.TotalSeconds;

    /// <summary>Grain-state writes of every kind (accounts and any other grain) during the timed run, per second.</summary>
    public double WritesPerSecond => Writes / Elapsed.TotalSeconds;

    public bool Passed => Failures == 0 && Rejected == 0 && Storage.AllMatch;

    /// <summary>Turns at the SQLite write gate during the timed run, per signal: the commits a signal costs (journal, state, venue, reminders).</summary>
    public double GateUsesPerSignal { get; init; }
}

/// <summary>
/// What the whole process (silo, client and SQLite, all in one) spent during the timed run: CPU time over all cores,
/// garbage collections by generation, and time the GC paused the process. (Not allocated bytes: under server GC's
/// dynamic heap count, GC.GetTotalAllocatedBytes is not monotonic in .NET 10 and gave negative deltas here.)
/// </summary>
public sealed record ProcessCost(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause)
{
    /// <summary>Starts counting this process's CPU time, collections and GC pauses; call the result to read the cost since.</summary>
    public static Func<ProcessCost> Measure()
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var collections = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var pause = GC.GetTotalPauseDuration();
        return () =>
        {
            using var now = Process.GetCurrentProcess();
            return new ProcessCost(now.TotalProcessorTime - cpu, GC.CollectionCount(0) - collections[0],
                GC.CollectionCount(1) - collections[1], GC.CollectionCount(2) - collections[2], GC.GetTotalPauseDuration() - pause);
        };
    }
}

/// <summary>Version of an account row after its create, and how much each open and each close adds to it (measured).</summary>
public sealed record WriteProfile(long AfterCreate, long PerOpen, long PerClose)
{
    /// <summary>Signals alternate open, close, open, ... starting with an open.</summary>
    public long ExpectedVersion(int signals) => AfterCreate + (signals + 1) / 2 * PerOpen + signals / 2 * PerClose;
}

/// <summary>
/// One scenario on a fresh silo and database: <c>accounts</c> virtual accounts, each sending its share of the signals
/// one after another (open, close, open, ...). Normally all accounts run at once; <c>oneAtATime</c> is the control:
/// the same accounts and signals, one account after another, so exactly one signal is in flight at any time.
/// Every acknowledged signal has been persisted (journal and grain state) before it is answered.
/// </summary>
public static class Scenario
{
    /// <summary>Bid = ask: a zero-spread book, so every round trip has PnL 0 (a win) and no cooldown or spread filter interferes.</summary>
    public const string Symbol = "BENCH";
    public const string AccountPrefix = "bench-va-";
    public const decimal Price = 100m;
    private const decimal InitialBalance = 1_000_000m;

    public static async Task<ScenarioResult> RunAsync(string synchronous, int accounts, bool oneAtATime, BenchOptions options)
    {
        await using var silo = await BenchSilo.StartAsync(synchronous, options.History, options.Keep);
        if (options.Keep)
        {
            Console.Error.WriteLine($"  database: {silo.DatabasePath}");
        }

        var client = silo.Client;
        await client.MarketData(Symbol).PublishQuoteAsync(new Quote(Symbol, Price, Price, DateTimeOffset.UtcNow));

        var problems = new Problems();
        var ids = Enumerable.Range(0, accounts).Select(i => $"{AccountPrefix}{i:D4}").ToArray();
        await Task.WhenAll(ids.Select(id => CreateAsync(client, id, problems)));

        // Untimed, on an account the timed run never touches: JIT, activation paths and the first SQLite pages, and a
        // calibration of how many writes each kind of signal makes to the account's row (the verification below checks
        // every bench account against it, so a signal that is answered but not persisted fails the run).
        var profile = await WarmUpAsync(client, silo.DatabasePath, options.Warmup, problems);

        var shares = Split(options.Signals, accounts);
        var latencies = shares.Select(n => new long[n]).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var warningsBefore = silo.Warnings.Total;
        var writesBefore = StorageVerifier.TotalWrites(silo.DatabasePath);
        var gateBefore = silo.GateUses;

        var measureCost = ProcessCost.Measure();
        var started = Stopwatch.GetTimestamp();
        if (oneAtATime)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                await SendAsync(client.Account(ids[i]), ids[i], 0, shares[i], latencies[i], problems);
            }
        }
        else
        {
            await Task.WhenAll(ids.Select((id, i) => SendAsync(client.Account(id), id, 0, shares[i], latencies[i], problems)));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var cost = measureCost();
        var gateUses = silo.GateUses - gateBefore;
        var warnings = silo.Warnings.Total - warningsBefore;

        // Read the file only after the silo has stopped: what is there is what a restart would load.
        await silo.StopAsync();
        var writes = StorageVerifier.TotalWrites(silo.DatabasePath) - writesBefore;
        var expected = ids.Select((id, i) => (id, profile.ExpectedVersion(shares[i])))
            .ToDictionary(p => p.id, p => p.Item2, StringComparer.Ordinal);
        var storage = StorageVerifier.Verify(silo.DatabasePath, AccountPrefix, expected);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new ScenarioResult(synchronous, accounts, oneAtATime, options.Signals, elapsed, writes, profile, cost,
            Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : ToMs(all[^1]),
            problems.Failures, problems.Rejected, storage, warnings, problems.First ?? storage.FirstMismatch)
        {
            GateUsesPerSignal = gateUses / (double)options.Signals,
        };
    }

    /// <summary>
    /// Creates the warm-up account and sends it <paramref name="count"/> (at least 4) signals, reading its row's Version
    /// after the create and after each of the first two opens and closes. The smaller delta of each pair is the one
    /// the signal made: a reminder may add a write between two reads, but not to both.
    /// </summary>
    internal static async Task<WriteProfile> WarmUpAsync(IClusterClient client, string databasePath, int count, Problems problems)
    {
        const string id = "bench-warmup";
        var account = client.Account(id);
        await CreateAsync(client, id, problems);
        var versions = new List<long> { StorageVerifier.AccountVersion(databasePath, id) ?? 0 };
        for (var i = 0; i < 4; i++)
        {
            await SendAsync(account, id, i, 1, new long[1], problems);
            versions.Add(StorageVerifier.AccountVersion(databasePath, id) ?? 0);
        }

        await SendAsync(account, id, 4, count - 4, new long[count - 4], problems);

        var profile = new WriteProfile(versions[0],
            Math.Min(versions[1] - versions[0], versions[3] - versions[2]),
            Math.Min(versions[2] - versions[1], versions[4] - versions[3]));
        if (profile.AfterCreate < 1 || profile.PerOpen < 1 || profile.PerClose < 1)
        {
            problems.Fail($"warm-up: an acknowledged create/open/close did not write the account row ({profile})");
        }

        return profile;
    }

    /// <summary>Creation is one account write (Version 1) plus a directory write; untimed.</summary>
    internal static async Task CreateAsync(IClusterClient client, string id, Problems problems)
    {
        try
        {
            var creation = await client.Account(id).CreateAsync(InitialBalance);
            if (!creation.Created)
            {
                problems.Fail($"{id}: account already existed in a fresh database");
            }
        }
        catch (Exception ex)
        {
            problems.Fail($"{id}: create threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>One account's signals, strictly one after another: open 1, close all, open 1, ...</summary>
    internal static async Task SendAsync(IVirtualAccountGrain account, string id, int first, int count, long[] latencies, Problems problems)
    {
        for (var n = 0; n < count; n++)
        {
            var i = first + n;
            var open = i % 2 == 0;
            var signal = open
                ? new TradeSignal($"{id}-{i}", Symbol, OrderSide.Buy, 1m, SignalAction.Open)
                : new TradeSignal($"{id}-{i}", Symbol, OrderSide.Sell, 1_000_000m, SignalAction.Close);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var decision = await account.SubmitSignalAsync(signal);
                latencies[n] = Stopwatch.GetTimestamp() - started;
                if (decision.Status != SignalStatus.Accepted)
                {
                    problems.Reject($"{id} signal {i}: {decision.Reason} ({decision.Detail})");
                }
            }
            catch (Exception ex)
            {
                latencies[n] = Stopwatch.GetTimestamp() - started;
                problems.Fail($"{id} signal {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="total"/> signals as evenly as possible in whole open/close round trips, so every account
    /// ends flat: an account left holding a position keeps the engine's reconciliation reminder and stop-loss timer
    /// busy while the others are still measured. Only an odd total leaves the first account one open.
    /// </summary>
    private static int[] Split(int total, int parts)
    {
        var roundTrips = total / 2;
        var shares = Enumerable.Range(0, parts).Select(i => 2 * (roundTrips / parts + (i < roundTrips % parts ? 1 : 0))).ToArray();
        shares[0] += total % 2;
        return shares;
    }

    /// <summary>Nearest-rank percentile of sorted Stopwatch ticks, in milliseconds.</summary>
    internal static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? 0 : ToMs(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    internal static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    internal sealed class Problems
    {
        private int _failures;
        private int _rejected;
        private string? _first;

        public int Failures => Volatile.Read(ref _failures);

        public int Rejected => Volatile.Read(ref _rejected);

        public string? First => Volatile.Read(ref _first);

        public void Fail(string message)
        {
            Interlocked.Increment(ref _failures);
            Interlocked.CompareExchange(ref _first, message, null);
        }

        public void Reject(string message)
        {
            Interlocked.Increment(ref _rejected);
            Interlocked.CompareExchange(ref _first, message, null);
        }
    }
}

/// <summary>
/// Every run of one scenario (accounts at once) and of its one-at-a-time control; the table reports the median run by
/// throughput and the range.
/// </summary>
public sealed record ScenarioSummary(IReadOnlyList<ScenarioResult> Runs, IReadOnlyList<ScenarioResult> Controls)
{
    public ScenarioResult Median => MedianOf(Runs)!;

    public ScenarioResult? ControlMedian => MedianOf(Controls);

    public double MinSignalsPerSecond => Runs.Min(r => r.SignalsPerSecond);

    public double MaxSignalsPerSecond => Runs.Max(r => r.SignalsPerSecond);

    private IEnumerable<ScenarioResult> All => Runs.Concat(Controls);

    public int Failures => All.Sum(r => r.Failures);

    public int Rejected => All.Sum(r => r.Rejected);

    public int RowsExpected => All.Sum(r => r.Storage.Expected);

    public int RowsMatching => All.Sum(r => r.Storage.Matching);

    public long BackgroundWrites => All.Sum(r => r.Storage.BackgroundWrites);

    public int Warnings => All.Sum(r => r.Warnings);

    public bool Passed => All.All(r => r.Passed);

    private static ScenarioResult? MedianOf(IReadOnlyList<ScenarioResult> runs) =>
        runs.Count == 0 ? null : runs.OrderBy(r => r.SignalsPerSecond).ElementAt((runs.Count - 1) / 2);
}
