using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Bench;

/// <summary>What the accounts-at-rest scenario measured; see bench/README.md for each figure.</summary>
public sealed record RestResult(
    string Synchronous,
    int Accounts,
    int Holders,
    TimeSpan Setup,
    TimeSpan Idle,
    ProcessCost IdleCost,
    long IdleWrites,
    long IdleJournalRows,
    long Reminders,
    long RssBaselineBytes,
    long RssBytes,
    long ManagedBaselineBytes,
    long ManagedBytes,
    int Activations,
    double? TimeToFlatMs,
    int FlatHolders,
    double? RestartToFlatMs,
    int RestartFlatHolders,
    int Failures,
    int Warnings,
    string? FirstProblem)
{
    public double IdleCores => IdleCost.Cpu.TotalSeconds / Idle.TotalSeconds;

    public double RssBytesPerAccount => (RssBytes - RssBaselineBytes) / (double)Accounts;

    public double ManagedBytesPerAccount => (ManagedBytes - ManagedBaselineBytes) / (double)Accounts;

    public bool Passed => Failures == 0 && FlatHolders == Holders && (RestartToFlatMs is null || RestartFlatHolders == Holders);
}

/// <summary>
/// Accounts at rest: N accounts each open one long position (so each has a live stop and reconciliation), then
/// nothing happens for a while and the process's CPU, writes and memory are measured. Then one crossing quote for the
/// symbol the first <c>holders</c> accounts hold, timed until all of them are flat. Optionally the silo is stopped
/// and started again on the same file, and a crossing quote for another group of holders is published at once: the
/// time until those are flat is how long positions go unmonitored after a restart.
/// </summary>
public static class RestScenario
{
    public const string AccountPrefix = "rest-va-";
    public const string CrossSymbol = "CROSS";
    public const string RestartSymbol = "CROSSR";
    private const int RestSymbols = 20;
    private const int SetupConcurrency = 64;
    private const decimal Price = 100m;

    /// <summary>2 % under the entry (the default stop) is 98; 97 crosses every stop, well inside the quote jump limit.</summary>
    private const decimal CrossingPrice = 97m;

    private static readonly TimeSpan FlatTimeout = TimeSpan.FromSeconds(60);

    public static async Task<RestResult> RunAsync(string synchronous, BenchOptions options)
    {
        var accounts = options.RestAccounts;
        var holders = Math.Min(options.Holders, accounts);
        var restartHolders = options.Restart ? Math.Min(options.Holders, accounts - holders) : 0;
        var silo = await BenchSilo.StartAsync(synchronous, options.History, options.Keep);
        try
        {
            var client = silo.Client;
            var rssBaseline = ResidentBytes();
            var managedBaseline = GC.GetTotalMemory(forceFullCollection: true);
            var failures = new Scenario.Problems();
            var symbols = Enumerable.Range(0, RestSymbols).Select(i => $"REST{i:D2}").Append(CrossSymbol).Append(RestartSymbol).ToList();
            foreach (var symbol in symbols)
            {
                await client.MarketData(symbol).PublishQuoteAsync(new Quote(symbol, Price, Price, DateTimeOffset.UtcNow));
            }

            string SymbolOf(int i) => i < holders ? CrossSymbol : i < holders + restartHolders ? RestartSymbol : symbols[i % RestSymbols];
            var ids = Enumerable.Range(0, accounts).Select(i => $"{AccountPrefix}{i:D6}").ToArray();

            var setup = Stopwatch.StartNew();
            var done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, accounts), new ParallelOptions { MaxDegreeOfParallelism = SetupConcurrency }, async (i, _) =>
            {
                await OpenOneAsync(client, ids[i], SymbolOf(i), failures);
                var n = Interlocked.Increment(ref done);
                if (n % 5000 == 0)
                {
                    Console.Error.WriteLine(FormattableString.Invariant($"  {n} accounts holding a position ({setup.Elapsed.TotalSeconds:F0} s)"));
                }
            });
            setup.Stop();
            Console.Error.WriteLine(FormattableString.Invariant($"  setup: {accounts} accounts created and opened in {setup.Elapsed.TotalSeconds:F1} s; settling {options.Settle} s"));

            // Past the first reconciliation ticks and any one-off work the entries started, then measure doing nothing.
            await Task.Delay(TimeSpan.FromSeconds(options.Settle));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var warningsBefore = silo.Warnings.Total;
            var writesBefore = StorageVerifier.TotalWrites(silo.DatabasePath);
            var journalBefore = JournalRows(silo.DatabasePath);
            var measure = ProcessCost.Measure();
            var idle = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(options.Idle));
            var idleCost = measure();
            idle.Stop();
            var idleWrites = StorageVerifier.TotalWrites(silo.DatabasePath) - writesBefore;
            var idleJournal = JournalRows(silo.DatabasePath) - journalBefore;
            var rss = ResidentBytes();
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            var activations = await client.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
            var reminders = Reminders(silo.DatabasePath);
            Console.Error.WriteLine(FormattableString.Invariant(
                $"  idle {idle.Elapsed.TotalSeconds:F1} s: {idleCost.Cpu.TotalSeconds / idle.Elapsed.TotalSeconds:F3} cores, {idleWrites} grain writes, {idleJournal} journal rows, GCs {idleCost.Gen0}/{idleCost.Gen1}/{idleCost.Gen2}; RSS {rss / 1048576.0:F0} MB (silo alone {rssBaseline / 1048576.0:F0} MB), managed {managed / 1048576.0:F0} MB, {activations} activations, {reminders} reminders"));

            var (timeToFlat, flat) = await CrossAndTimeAsync(client, silo.DatabasePath, CrossSymbol, ids[..holders]);
            Console.Error.WriteLine(FormattableString.Invariant($"  crossing quote for {holders} holders of {CrossSymbol}: {flat} flat after {timeToFlat?.ToString("F0", CultureInfo.InvariantCulture) ?? "-"} ms"));
            var warnings = silo.Warnings.Total - warningsBefore;

            double? restartToFlat = null;
            var restartFlat = 0;
            if (restartHolders > 0)
            {
                await silo.StopAsync();
                var restarted = Stopwatch.StartNew();
                silo = await BenchSilo.StartAsync(synchronous, options.History, options.Keep, silo.Folder);
                Console.Error.WriteLine(FormattableString.Invariant($"  restarted on the same file in {restarted.Elapsed.TotalSeconds:F1} s; crossing quote for {restartHolders} holders of {RestartSymbol}"));
                var (sinceQuote, restartFlatCount) = await CrossAndTimeAsync(silo.Client, silo.DatabasePath, RestartSymbol, ids[holders..(holders + restartHolders)]);
                restartToFlat = sinceQuote;
                restartFlat = restartFlatCount;
                Console.Error.WriteLine(FormattableString.Invariant($"  after the restart: {restartFlat} flat after {restartToFlat?.ToString("F0", CultureInfo.InvariantCulture) ?? "-"} ms from the quote ({restarted.Elapsed.TotalSeconds:F1} s from the stop)"));
            }

            return new RestResult(synchronous, accounts, holders, setup.Elapsed, idle.Elapsed, idleCost, idleWrites, idleJournal, reminders,
                rssBaseline, rss, managedBaseline, managed, activations, timeToFlat, flat, restartToFlat, restartFlat,
                failures.Failures + failures.Rejected, warnings, failures.First);
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private static async Task OpenOneAsync(IClusterClient client, string id, string symbol, Scenario.Problems problems)
    {
        try
        {
            var account = client.Account(id);
            await account.CreateAsync(1_000_000m);
            var decision = await account.SubmitSignalAsync(new TradeSignal($"{id}-open", symbol, OrderSide.Buy, 10m, SignalAction.Open));
            if (decision.Status != SignalStatus.Accepted || decision.FilledQuantity != 10m)
            {
                problems.Reject($"{id}: open {decision.Status} {decision.Reason} ({decision.Detail})");
            }
        }
        catch (Exception ex)
        {
            problems.Fail($"{id}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// Publishes a quote crossing every holder's stop and times it until the journal holds a stop-loss trade of each
    /// (the journal is written before the account's state, in the same persist); then checks the snapshots are flat.
    /// </summary>
    private static async Task<(double? Ms, int Flat)> CrossAndTimeAsync(IClusterClient client, string databasePath, string symbol, string[] holders)
    {
        var started = Stopwatch.StartNew();
        await client.MarketData(symbol).PublishQuoteAsync(new Quote(symbol, CrossingPrice, CrossingPrice, DateTimeOffset.UtcNow));
        double? ms = null;
        while (started.Elapsed < FlatTimeout)
        {
            if (StopLossTrades(databasePath, symbol) >= holders.Length)
            {
                ms = started.Elapsed.TotalMilliseconds;
                break;
            }

            await Task.Delay(5);
        }

        var flat = 0;
        foreach (var chunk in holders.Chunk(100))
        {
            var snapshots = await Task.WhenAll(chunk.Select(id => client.Account(id).GetSnapshotAsync()));
            flat += snapshots.Count(s => s is { Positions.Count: 0 });
        }

        return (ms, flat);
    }

    private static long StopLossTrades(string databasePath, string symbol) =>
        Scalar(databasePath, "SELECT COUNT(*) FROM journal_trades WHERE symbol = $symbol AND reason = 'stopLoss'", ("$symbol", symbol));

    private static long JournalRows(string databasePath) => Scalar(databasePath,
        "SELECT (SELECT COUNT(*) FROM journal_order_events) + (SELECT COUNT(*) FROM journal_fills) + (SELECT COUNT(*) FROM journal_trades) + (SELECT COUNT(*) FROM journal_decisions)");

    private static long Reminders(string databasePath) => Scalar(databasePath, "SELECT COUNT(*) FROM OrleansRemindersTable");

    private static long Scalar(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The process's resident set (VmRSS), what the OS actually holds for it.</summary>
    private static long ResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
