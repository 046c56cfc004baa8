using System.Collections.Concurrent;
using System.Globalization;
using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Scenarios;

public sealed record RestResult(
    int Run,
    int Accounts,
    int Holding,
    string LoadAverageBefore,
    DateTimeOffset StartedAt,
    double SetupSeconds,
    ResourceUse? Idle,
    double RssMbEmpty,
    double DatabaseMb,
    CrossingResult? Crossing,
    KillNineResult? KillNine,
    string? Problem)
{
    /// <summary>Resident memory the accounts added, per account: (RSS at the end of the idle window - RSS of the empty silo) / accounts.</summary>
    public double BytesPerAccount => Idle is null || Accounts == 0 ? 0 : (Idle.RssMbEnd - RssMbEmpty) * 1048576.0 / Accounts;

    public bool Passed => Problem is null && (Crossing?.NotFlat ?? 0) == 0 && (KillNine?.NotFired ?? 0) == 0;
}

/// <summary>A crossing quote for one symbol: how long until each holder's stop fired and it was flat.</summary>
public sealed record CrossingResult(string Symbol, int Holders, LatencySummary ToStopOrder, LatencySummary ToFlat, int NotFlat);

/// <summary>After kill -9 and a restart on the same file: when the silo was healthy, and when each holder's stop fired again.</summary>
public sealed record KillNineResult(string Symbol, int Holders, double RestartToHealthySeconds, LatencySummary RestartToStopOrder, LatencySummary HealthyToStopOrder, int NotFired);

/// <summary>
/// Accounts at rest: R accounts each holding one position (R/symbols per symbol), nothing happening: the silo's CPU
/// over the idle window and its RSS. Then a crossing quote for one symbol (streamed on, as a market would) and the
/// time until its holders are flat. Then, when asked, kill -9 and a restart on the same database with a crossing
/// quote streamed for another symbol from the moment the silo is healthy: the time until each holder's stop fires
/// shows when it is monitored again.
/// </summary>
public static class RestScenario
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(3);

    public static async Task<RestResult> RunAsync(ScenarioContext context, int run, bool measureRest, bool killNine)
    {
        var options = context.Options;
        var loadBefore = ProcStat.LoadAverage();
        var startedAt = DateTimeOffset.UtcNow;
        ScenarioContext.Log($"== rest run {run}: {options.RestAccounts} accounts each holding one position{(killNine ? ", then kill -9" : "")}, load average {loadBefore}");
        // Accounts at rest, not the portfolio limits, are measured: 10,000 positions of ~1,000 exceed the default
        // gross exposure limit (5,000,000), which would refuse half of the entries as portfolioExposure.
        await using var silo = await context.StartSiloAsync(new Dictionary<string, string>
        {
            ["Trading:Limits:Portfolio:MaxGrossExposure"] = "1000000000",
            ["Trading:Limits:Portfolio:MaxExposurePerSymbol"] = "1000000000",
        });
        using var api = new TradingApiClient(silo.BaseAddress, TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var rssEmpty = silo.Process.Sample().RssBytes / 1048576.0;
        var accounts = AccountPlan.Make("rest", options.RestAccounts, context.Symbols);
        await ScenarioContext.CreateAccountsAsync(api, [.. accounts.Select(a => a.AccountId)], concurrency: 64);

        HashSet<string> holding;
        await using (var quotes = new QuotePublisher(api, context.Symbols, ScenarioContext.Price, context.QuoteInterval))
        {
            await quotes.StartAsync();
            holding = await OpenOnePositionEachAsync(api, accounts);
            await quotes.StopAsync();
        }

        var setupSeconds = (DateTimeOffset.UtcNow - startedAt).TotalSeconds;
        if (holding.Count == 0)
        {
            return new RestResult(run, accounts.Count, 0, loadBefore, startedAt, setupSeconds, null, rssEmpty, DatabaseMb(silo), null, null,
                "no account could open its position");
        }

        // An entry refused again and again (staleQuote on a machine too busy to keep quotes fresh) leaves its account
        // flat: it still counts as an account at rest, and it holds nothing a crossing quote could stop out.
        var holders = accounts.Where(a => holding.Contains(a.AccountId)).ToList();
        ResourceUse? idle = null;
        CrossingResult? crossing = null;
        if (measureRest)
        {
            ScenarioContext.Log($"  {holding.Count} of {accounts.Count} hold a position; settling {options.RestSettleSeconds} s, then {options.RestIdleSeconds} s idle ...");
            await Task.Delay(TimeSpan.FromSeconds(options.RestSettleSeconds));
            var meter = ResourceMeter.ForProcess(silo.Process.Pid).Start();
            await Task.Delay(TimeSpan.FromSeconds(options.RestIdleSeconds));
            idle = await meter.StopAsync();
            ScenarioContext.Log(FormattableString.Invariant(
                $"  idle: silo CPU {idle.Cores:F3} cores, RSS {idle.RssMbEnd:F0} MB (empty silo {rssEmpty:F0} MB), {(idle.RssMbEnd - rssEmpty) * 1048576.0 / accounts.Count:F0} bytes/account, database {DatabaseMb(silo):F1} MB"));
            crossing = await CrossAsync(api, context, holders, context.Symbols[0]);
        }

        KillNineResult? kill = null;
        if (killNine)
        {
            kill = await KillAndRestartAsync(silo, context, holders, context.Symbols[Math.Min(1, context.Symbols.Count - 1)]);
        }

        return new RestResult(run, accounts.Count, holding.Count, loadBefore, startedAt, setupSeconds, idle, rssEmpty, DatabaseMb(silo), crossing, kill, null);
    }

    /// <summary>
    /// Each account opens one position, 16 at a time (few enough that quotes stay fresh on a busy machine). A refused
    /// entry is tried again, with a new signal id, up to 30 times; returns the accounts that hold their position.
    /// </summary>
    private static async Task<HashSet<string>> OpenOnePositionEachAsync(TradingApiClient api, IReadOnlyList<AccountPlan> accounts)
    {
        var holding = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var retries = 0;
        var firstRefusal = (string?)null;
        using var progress = new Timer(_ => ScenarioContext.Log($"  {holding.Count}/{accounts.Count} hold a position ({Volatile.Read(ref retries)} entries retried)"),
            null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (plan, _) =>
        {
            for (var attempt = 0; attempt < 30; attempt++)
            {
                var outcome = await api.SendAsync(new LoadSignal(plan.AccountId, string.Create(CultureInfo.InvariantCulture, $"{plan.AccountId}-entry-{attempt}"), plan.Symbol, Open: true));
                if (outcome.Kind == OutcomeKind.Accepted && outcome.FilledQuantity > 0)
                {
                    holding[plan.AccountId] = true;
                    return;
                }

                Interlocked.Increment(ref retries);
                Interlocked.CompareExchange(ref firstRefusal, $"{plan.AccountId}: {outcome.Kind} {outcome.Reason}{outcome.Error}", null);
                await Task.Delay(200 * Math.Min(attempt + 1, 10));
            }
        });
        if (firstRefusal is not null)
        {
            ScenarioContext.Log($"  {retries} entries retried; the first: {firstRefusal}");
        }

        return [.. holding.Keys];
    }

    private static async Task<CrossingResult> CrossAsync(TradingApiClient api, ScenarioContext context, IReadOnlyList<AccountPlan> holding, string symbol)
    {
        var holders = holding.Where(a => a.Symbol == symbol).Select(a => a.AccountId).ToList();
        ScenarioContext.Log($"  crossing quote for {symbol} ({holders.Count} holders), streamed every {context.QuoteInterval.TotalMilliseconds:F0} ms ...");
        await using var quotes = new QuotePublisher(api, [symbol], StopReactionProbe.Crossing, context.QuoteInterval);
        var crossedAt = DateTimeOffset.UtcNow;
        await quotes.StartAsync();
        var (toStop, toFlat, notFlat) = await WaitForStopsAsync(api, holders, crossedAt, untilFlat: true);
        var result = new CrossingResult(symbol, holders.Count, LatencySummary.FromMilliseconds(toStop), LatencySummary.FromMilliseconds(toFlat), notFlat);
        ScenarioContext.Log(FormattableString.Invariant(
            $"  crossing: all flat after {result.ToFlat.MaxMs:F0} ms (p50 {result.ToFlat.P50Ms:F0} ms), stops fired p50 {result.ToStopOrder.P50Ms:F0} / max {result.ToStopOrder.MaxMs:F0} ms, not flat {notFlat}"));
        return result;
    }

    private static async Task<KillNineResult> KillAndRestartAsync(SiloUnderTest silo, ScenarioContext context, IReadOnlyList<AccountPlan> holding, string symbol)
    {
        var holders = holding.Where(a => a.Symbol == symbol).Select(a => a.AccountId).ToList();
        ScenarioContext.Log($"  kill -9 of pid {silo.Process.Pid}, restart on the same database ...");
        await silo.KillAsync();
        await silo.RestartAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        await silo.WaitUntilHealthyAsync();
        var healthyAt = DateTimeOffset.UtcNow;
        ScenarioContext.Log(FormattableString.Invariant($"  healthy {(healthyAt - restartedAt).TotalSeconds:F1} s after the restart; crossing quote for {symbol} ({holders.Count} holders) streamed from now"));
        using var api = new TradingApiClient(silo.BaseAddress, TimeSpan.FromSeconds(120));
        await using var quotes = new QuotePublisher(api, [symbol], StopReactionProbe.Crossing, context.QuoteInterval);
        await quotes.StartAsync();
        var (fromRestart, _, notFired) = await WaitForStopsAsync(api, holders, restartedAt, untilFlat: false);
        var healthyOffset = (healthyAt - restartedAt).TotalMilliseconds;
        var result = new KillNineResult(symbol, holders.Count, (healthyAt - restartedAt).TotalSeconds, LatencySummary.FromMilliseconds(fromRestart),
            LatencySummary.FromMilliseconds(fromRestart.Select(ms => ms - healthyOffset)), notFired);
        ScenarioContext.Log(FormattableString.Invariant(
            $"  after kill -9: every holder's stop fired within {result.RestartToStopOrder.MaxMs / 1000:F1} s of the restart ({result.HealthyToStopOrder.MaxMs / 1000:F1} s after healthy; p50 {result.HealthyToStopOrder.P50Ms / 1000:F1} s), not fired {notFired}"));
        return result;
    }

    /// <summary>
    /// Polls each holder (16 at a time, once a second) until its stop order exists (and, with <paramref name="untilFlat"/>,
    /// its stopLoss trade); the times come from the journal, relative to <paramref name="since"/>.
    /// </summary>
    private static async Task<(List<double> ToStop, List<double> ToFlat, int Missing)> WaitForStopsAsync(TradingApiClient api, IReadOnlyList<string> holders,
        DateTimeOffset since, bool untilFlat)
    {
        var toStop = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var toFlat = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var pending = new ConcurrentDictionary<string, bool>(holders.Select(h => KeyValuePair.Create(h, true)), StringComparer.Ordinal);
        var deadline = DateTimeOffset.UtcNow + WaitLimit;
        while (!pending.IsEmpty && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await Parallel.ForEachAsync(pending.Keys.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (holder, _) =>
            {
                if (!toStop.ContainsKey(holder))
                {
                    var stop = (await api.OrdersAsync(holder, 5)).FirstOrDefault(o => o.Order.Purpose == "stopLoss");
                    if (stop is null)
                    {
                        return;
                    }

                    toStop[holder] = (stop.Order.CreatedAt - since).TotalMilliseconds;
                }

                if (untilFlat)
                {
                    var trade = (await api.TradesAsync(holder, 3)).FirstOrDefault(t => t.Reason == "stopLoss");
                    if (trade is null)
                    {
                        return;
                    }

                    toFlat[holder] = (trade.ClosedAt - since).TotalMilliseconds;
                }

                pending.TryRemove(holder, out bool _);
            });
            ScenarioContext.Log($"  {holders.Count - pending.Count}/{holders.Count} done");
        }

        return ([.. toStop.Values], [.. toFlat.Values], pending.Count);
    }

    private static double DatabaseMb(SiloUnderTest silo) =>
        new[] { silo.DatabasePath, silo.DatabasePath + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1048576.0;
}
