using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Scenarios;

public sealed record OpenLoopResult(
    int Run,
    int OfferedPerSecond,
    int Accounts,
    string LoadAverageBefore,
    DateTimeOffset StartedAt,
    LoadStats Load,
    ResourceUse Silo,
    ResourceUse Client,
    QuoteStats Quotes,
    StopReaction Stops,
    JournalVerification Journal,
    string? Problem)
{
    public bool Passed => Problem is null && Load.ErrorsWholeRun == 0 && Journal.Passed && Stops.Problem is null;
}

/// <summary>
/// A fixed offered rate over HTTP at synchronous=NORMAL with the quote stream, latency from each signal's due time;
/// stop-loss probes measure the reaction to a crossing quote while that load runs.
/// </summary>
public static class OpenLoopScenario
{
    public const string ProbeSymbol = "PROBE";

    public static async Task<OpenLoopResult> RunAsync(ScenarioContext context, int run)
    {
        var options = context.Options;
        var loadBefore = ProcStat.LoadAverage();
        var startedAt = DateTimeOffset.UtcNow;
        ScenarioContext.Log($"== open run {run}: {options.Rate} signals/s offered over {options.Accounts} accounts, {options.Probes} stop probes, load average {loadBefore}");
        await using var silo = await context.StartSiloAsync(new Dictionary<string, string> { ["Trading:Storage:Synchronous"] = "Normal" });
        using var api = new TradingApiClient(silo.BaseAddress);
        var accounts = AccountPlan.Make("va", options.Accounts, context.Symbols);
        var probes = Enumerable.Range(0, options.Probes).Select(i => $"probe-{i:D3}").ToList();
        await ScenarioContext.CreateAccountsAsync(api, [.. accounts.Select(a => a.AccountId), .. probes]);
        await using var quotes = new QuotePublisher(api, [.. context.Symbols, ProbeSymbol], ScenarioContext.Price, context.QuoteInterval);
        await quotes.StartAsync();

        var recorder = new LoadRecorder();
        using var stop = new CancellationTokenSource();
        using var windowEnd = new CancellationTokenSource();
        ResourceUse siloUse, clientUse;
        StopReaction stops;
        long from, to;
        string? problem;
        await using (ProgressLine.Start("open", recorder, silo.Process.Pid, quotes))
        {
            var load = OpenLoop.RunAsync(api, accounts, options.Rate, recorder, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            recorder.MarkWindowStart();
            from = recorder.WindowStart;
            var meter = ResourceMeter.ForProcess(silo.Process.Pid).Start();
            var client = ResourceMeter.ForProcess(Environment.ProcessId).Start();
            windowEnd.CancelAfter(TimeSpan.FromSeconds(options.DurationSeconds));
            var probing = StopReactionProbe.RunAsync(api, quotes, probes, ProbeSymbol, windowEnd.Token);
            await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds));
            recorder.MarkWindowEnd();
            to = recorder.WindowEnd;
            siloUse = await meter.StopAsync();
            clientUse = await client.StopAsync();
            await stop.CancelAsync();
            problem = await ClosedLoopScenario.DrainAsync(load);
            stops = await probing; // its last round finishes after the window, under the draining load
        }

        await quotes.StopAsync();
        var stats = recorder.Summarize();
        var journal = await JournalCheck.VerifyAsync(api, recorder.Accepted);
        var result = new OpenLoopResult(run, options.Rate, options.Accounts, loadBefore, startedAt, stats, siloUse, clientUse, quotes.Summarize(from, to), stops, journal, problem);
        ScenarioContext.Log(FormattableString.Invariant(
            $"  => offered {options.Rate}/s, accepted {stats.AcceptedPerSecond:F0}/s, p50 {stats.Latency.P50Ms:F1} / p90 {stats.Latency.P90Ms:F1} / p99 {stats.Latency.P99Ms:F1} / max {stats.Latency.MaxMs:F1} ms from due time, rejected {stats.Rejected}, errors {stats.ErrorsWholeRun}, silo CPU {siloUse.Cores:F2} cores; stops: {stops.Samples} in {stops.Rounds} rounds, to stop order p50 {stops.ToStopOrder.P50Ms:F0} / p99 {stops.ToStopOrder.P99Ms:F0} ms, to venue p50 {stops.ToVenue.P50Ms:F0} / p99 {stops.ToVenue.P99Ms:F0} ms, to flat p50 {stops.ToFlat.P50Ms:F0} / p99 {stops.ToFlat.P99Ms:F0} ms, not flat {stops.NotFlat}; journal {journal}"));
        return result;
    }
}
