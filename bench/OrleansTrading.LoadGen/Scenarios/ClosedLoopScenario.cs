using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Scenarios;

public sealed record ClosedLoopResult(
    string Scenario,
    int Run,
    string Transport,
    string Synchronous,
    int Accounts,
    string LoadAverageBefore,
    DateTimeOffset StartedAt,
    LoadStats Load,
    ResourceUse Silo,
    ResourceUse Client,
    QuoteStats Quotes,
    JournalVerification Journal,
    DashboardObservation? Dashboard,
    string? Problem)
{
    public bool Passed => Problem is null && Load.ErrorsWholeRun == 0 && Journal.Passed && (Dashboard?.Problem is null);

    public double CpuMsPerAccepted => Load.Accepted == 0 ? 0 : Silo.CpuSeconds * 1000 / Load.Accepted;
}

/// <summary>Something that runs beside a closed-loop run (the dashboard and its page): set up before the load, measured with its window.</summary>
public interface IRunAttachment : IAsyncDisposable
{
    Task AttachAsync(SiloUnderTest silo);

    void WindowStarted();

    Task<DashboardObservation> WindowEndedAsync();
}

/// <summary>
/// N accounts over HTTP (or the grain client), closed loop, while the quote stream runs: a fresh silo and database,
/// the accounts created, quotes streaming, a warm-up, the measured window, a drain, then the journal check.
/// </summary>
public static class ClosedLoopScenario
{
    public static async Task<ClosedLoopResult> RunAsync(ScenarioContext context, string scenario, int run, string synchronous, bool grainClient,
        IRunAttachment? attachment = null)
    {
        var options = context.Options;
        var loadBefore = ProcStat.LoadAverage();
        var startedAt = DateTimeOffset.UtcNow;
        ScenarioContext.Log($"== {scenario} run {run}: {options.Accounts} accounts, closed loop over {(grainClient ? "the grain client" : "HTTP")}, synchronous={synchronous}, load average {loadBefore}");
        await using var silo = await context.StartSiloAsync(new Dictionary<string, string> { ["Trading:Storage:Synchronous"] = synchronous });
        using var api = new TradingApiClient(silo.BaseAddress);
        var accounts = AccountPlan.Make("va", options.Accounts, context.Symbols);
        await ScenarioContext.CreateAccountsAsync(api, [.. accounts.Select(a => a.AccountId)]);
        await using var quotes = new QuotePublisher(api, context.Symbols, ScenarioContext.Price, context.QuoteInterval);
        await quotes.StartAsync();
        await using var grains = grainClient ? await GrainClient.ConnectAsync(silo.GatewayPort, SiloUnderTest.ClusterId) : null;
        ISignalSender sender = grains is null ? api : grains;
        if (attachment is not null)
        {
            await attachment.AttachAsync(silo);
        }

        var recorder = new LoadRecorder();
        using var stop = new CancellationTokenSource();
        ResourceUse siloUse, clientUse;
        DashboardObservation? observation = null;
        long from, to;
        string? problem = null;
        await using (ProgressLine.Start(scenario, recorder, silo.Process.Pid, quotes))
        {
            var load = ClosedLoop.RunAsync(sender, accounts, recorder, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));
            recorder.MarkWindowStart();
            from = recorder.WindowStart;
            var meter = ResourceMeter.ForProcess(silo.Process.Pid).Start();
            var client = ResourceMeter.ForProcess(Environment.ProcessId).Start();
            attachment?.WindowStarted();
            await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds));
            recorder.MarkWindowEnd();
            to = recorder.WindowEnd;
            siloUse = await meter.StopAsync();
            clientUse = await client.StopAsync();
            if (attachment is not null)
            {
                observation = await attachment.WindowEndedAsync();
            }

            await stop.CancelAsync();
            problem = await DrainAsync(load);
        }

        await quotes.StopAsync();
        var stats = recorder.Summarize();
        var journal = await JournalCheck.VerifyAsync(api, recorder.Accepted);
        var result = new ClosedLoopResult(scenario, run, sender.Transport, synchronous, options.Accounts, loadBefore, startedAt, stats, siloUse, clientUse,
            quotes.Summarize(from, to), journal, observation, problem);
        Print(result);
        return result;
    }

    /// <summary>Waits for the signals in flight; a drain that does not end within two minutes is reported, not hidden.</summary>
    public static async Task<string?> DrainAsync(Task load)
    {
        try
        {
            await load.WaitAsync(TimeSpan.FromMinutes(2));
            return null;
        }
        catch (TimeoutException)
        {
            return "signals still unanswered two minutes after the load stopped";
        }
    }

    private static void Print(ClosedLoopResult r) => ScenarioContext.Log(FormattableString.Invariant(
        $"  => {r.Load.AcceptedPerSecond:F0} accepted/s, p50 {r.Load.Latency.P50Ms:F1} / p90 {r.Load.Latency.P90Ms:F1} / p99 {r.Load.Latency.P99Ms:F1} / max {r.Load.Latency.MaxMs:F1} ms, rejected {r.Load.Rejected} ({string.Join(", ", r.Load.Rejections.Select(x => $"{x.Key} {x.Value}"))}), errors {r.Load.ErrorsWholeRun}, silo CPU {r.Silo.Cores:F2} cores ({r.CpuMsPerAccepted:F2} ms/accepted), RSS peak {r.Silo.RssMbPeak:F0} MB, load generator CPU {r.Client.Cores:F2} cores, quotes {r.Quotes.PublishedPerSecond:F0}/{r.Quotes.OfferedPerSecond:F0} per s (PUT p99 {r.Quotes.Latency.P99Ms:F1} ms), journal {r.Journal}{(r.Load.FirstError is null ? "" : $", first error: {r.Load.FirstError}")}{(r.Problem is null ? "" : $", problem: {r.Problem}")}"));
}
