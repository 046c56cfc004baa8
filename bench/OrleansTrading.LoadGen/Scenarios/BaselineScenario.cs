using OrleansTrading.Abstractions;
using OrleansTrading.LoadGen.Baselines;
using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Scenarios;

public sealed record BaselineRun(int Run, string LoadAverageBefore, IReadOnlyList<RawSqliteResult> Sqlite, NoopResult Http, NoopResult Grain)
{
    public bool Passed => Http.Failures == 0 && Grain.Failures == 0;
}

/// <summary>
/// The ceilings the load is compared with, in the same run: raw SQLite upserts at NORMAL and FULL, and on a fresh
/// silo the cheapest HTTP round trip (GET /api/quotes/{symbol}: one in-memory grain read) and the same read as a grain
/// call through the gateway, each closed loop with as many concurrent callers as the load has accounts.
/// </summary>
public static class BaselineScenario
{
    public static async Task<BaselineRun> RunAsync(ScenarioContext context, int run)
    {
        var options = context.Options;
        var loadBefore = ProcStat.LoadAverage();
        var duration = TimeSpan.FromSeconds(options.BaselineSeconds);
        ScenarioContext.Log($"== baselines run {run}, load average {loadBefore}");
        var sqlite = new List<RawSqliteResult>();
        foreach (var level in new[] { "Normal", "Full" })
        {
            var result = RawSqliteBaseline.Run(level, duration);
            ScenarioContext.Log($"  raw SQLite synchronous={level}: {result.UpsertsPerSecond:F0} upserts/s, p50 {result.Latency.P50Ms:F3} ms, p99 {result.Latency.P99Ms:F3} ms");
            sqlite.Add(result);
        }

        await using var silo = await context.StartSiloAsync(new Dictionary<string, string> { ["Trading:Storage:Synchronous"] = "Normal" });
        using var api = new TradingApiClient(silo.BaseAddress);
        await using (var quotes = new QuotePublisher(api, context.Symbols, ScenarioContext.Price, context.QuoteInterval))
        {
            await quotes.StartAsync(); // one quote per symbol, so the reads find one; no stream
        }

        var warmup = TimeSpan.FromSeconds(Math.Min(options.WarmupSeconds, 5));
        var symbols = context.Symbols;
        var http = await NoopBaseline.RunAsync("HTTP no-op (GET /api/quotes/{symbol})", i => api.GetQuoteAsync(symbols[i % symbols.Count]),
            options.Accounts, warmup, duration, silo.Process.Pid);
        await using var grains = await GrainClient.ConnectAsync(silo.GatewayPort, SiloUnderTest.ClusterId);
        var grain = await NoopBaseline.RunAsync("grain no-op (IMarketDataGrain.GetQuoteAsync)", async i =>
        {
            try
            {
                return await grains.Grains.MarketData(symbols[i % symbols.Count]).GetQuoteAsync() is not null;
            }
            catch (Exception)
            {
                // A failed call is counted as a failure of the baseline.
                return false;
            }
        }, options.Accounts, warmup, duration, silo.Process.Pid);
        return new BaselineRun(run, loadBefore, sqlite, http, grain);
    }
}
