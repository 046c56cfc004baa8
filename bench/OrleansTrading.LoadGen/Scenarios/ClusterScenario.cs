using System.Globalization;
using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Scenarios;

public sealed record ClusterResult(
    int Silos,
    int Accounts,
    string PostgreSqlVersion,
    string LoadAverageBefore,
    LoadStats Load,
    IReadOnlyList<ResourceUse> PerSilo,
    double CommitsPerSecond,
    JournalVerification Journal,
    string? Problem)
{
    public bool Passed => Problem is null && Load.ErrorsWholeRun == 0 && Journal.Passed;

    public double SiloCores => PerSilo.Sum(s => s.Cores);
}

/// <summary>
/// The cluster on one machine: 1, 2 and 3 silos on one PostgreSQL (a fresh server and database per run), the accounts
/// created through the first silo, a closed loop over HTTP spread round-robin over every silo's API while quotes stream,
/// then the journal check. Measures accepted signals per second, each silo's CPU, and PostgreSQL's commit rate. On a
/// 2-core machine the silos and the database share the same cores, so more silos cannot add throughput here: the
/// figures show the cost of the cluster (network hops, a shared database), not its capacity across machines.
/// </summary>
public static class ClusterScenario
{
    public static async Task<ClusterResult> RunAsync(ScenarioContext context, int silos)
    {
        var options = context.Options;
        var loadBefore = ProcStat.LoadAverage();
        ScenarioContext.Log($"== cluster, {silos} silo(s) on PostgreSQL: {options.Accounts} accounts, closed loop over HTTP, load average {loadBefore}");
        await using var server = await PostgreSqlServer.StartAsync();
        const string database = "trading";
        var connectionString = await server.CreateDatabaseAsync(database);
        var started = new List<SiloUnderTest>();
        var apis = new List<TradingApiClient>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                started.Add(await context.StartSiloAsync(new Dictionary<string, string>
                {
                    ["Trading:Storage:Provider"] = "PostgreSql",
                    ["Trading:Storage:PostgreSqlConnectionString"] = connectionString,
                }));
            }

            apis.AddRange(started.Select(s => new TradingApiClient(s.BaseAddress)));
            var accounts = AccountPlan.Make("va", options.Accounts, context.Symbols);
            await ScenarioContext.CreateAccountsAsync(apis[0], [.. accounts.Select(a => a.AccountId)]);
            await using var quotes = new QuotePublisher(apis[0], context.Symbols, ScenarioContext.Price, context.QuoteInterval);
            await quotes.StartAsync();
            var sender = new RoundRobinSender(apis);
            var recorder = new LoadRecorder();
            using var stop = new CancellationTokenSource();
            List<ResourceUse> perSilo;
            long commitsBefore, commitsAfter;
            double window;
            string? problem;
            await using (ProgressLine.Start($"cluster-{silos}", recorder, started[0].Process.Pid, quotes))
            {
                var load = ClosedLoop.RunAsync(sender, accounts, recorder, stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
                recorder.MarkWindowStart();
                var meters = started.Select(s => ResourceMeter.ForProcess(s.Process.Pid).Start()).ToList();
                commitsBefore = await server.CommitsAsync(database);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds));
                recorder.MarkWindowEnd();
                commitsAfter = await server.CommitsAsync(database);
                window = clock.Elapsed.TotalSeconds;
                perSilo = [];
                foreach (var meter in meters)
                {
                    perSilo.Add(await meter.StopAsync());
                }

                await stop.CancelAsync();
                problem = await ClosedLoopScenario.DrainAsync(load);
            }

            await quotes.StopAsync();
            var journal = await JournalCheck.VerifyAsync(apis[0], recorder.Accepted);
            var result = new ClusterResult(silos, options.Accounts, server.Version, loadBefore, recorder.Summarize(), perSilo,
                (commitsAfter - commitsBefore) / window, journal, problem);
            ScenarioContext.Log(string.Create(CultureInfo.InvariantCulture,
                $"  => {result.Load.AcceptedPerSecond:F0} accepted/s, p50 {result.Load.Latency.P50Ms:F1} / p99 {result.Load.Latency.P99Ms:F1} ms, errors {result.Load.ErrorsWholeRun}, " +
                $"silo CPU {string.Join(" + ", perSilo.Select(s => s.Cores.ToString("F2", CultureInfo.InvariantCulture)))} cores, PostgreSQL {result.CommitsPerSecond:F0} commits/s (reads included), journal {journal}"));
            return result;
        }
        finally
        {
            apis.ForEach(a => a.Dispose());
            foreach (var silo in started)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
