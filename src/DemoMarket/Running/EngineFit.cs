using System.Globalization;
using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Hosting;

namespace OrleansTrading.DemoMarket.Running;

/// <summary>
/// The demo's market is sized against the engine's rules (its spread filter, quote age, stop distance), which are the
/// engine's to set: read from the silo at start, each setting that would hide something from the demo is named.
/// </summary>
public static class EngineFit
{
    public static IReadOnlyList<string> Problems(DemoMarketOptions demo, EngineSettings engine)
    {
        var problems = new List<string>();
        if (!engine.DemoMarket)
        {
            problems.Add("the silo was not started with Trading:Demo:Enabled=true, so the dashboard will not say that a demo market feeds it");
        }

        if (demo.MaxSpreadBps > engine.MaxSpreadBps)
        {
            problems.Add($"Trading:Demo:MaxSpreadBps ({Show(demo.MaxSpreadBps)}) is beyond the engine's spread filter ({Show(engine.MaxSpreadBps)} bps): ordinary quotes will be refused spreadTooWide");
        }

        if (demo.WideSpreadBps <= engine.MaxSpreadBps)
        {
            problems.Add($"Trading:Demo:WideSpreadBps ({Show(demo.WideSpreadBps)}) is within the engine's spread filter ({Show(engine.MaxSpreadBps)} bps): no spreadTooWide rejections");
        }

        if (demo.StaleGapDuration <= engine.MaxQuoteAge)
        {
            problems.Add($"Trading:Demo:StaleGapDuration ({demo.StaleGapDuration}) is not longer than the engine's quote age ({engine.MaxQuoteAge}): no staleQuote rejections");
        }

        if (demo.QuoteInterval >= engine.MaxQuoteAge)
        {
            problems.Add($"Trading:Demo:QuoteInterval ({demo.QuoteInterval}) is not shorter than the engine's quote age ({engine.MaxQuoteAge}): quotes go stale between ticks");
        }

        if (demo.ShockDropPercent <= engine.StopLossPercent)
        {
            problems.Add($"Trading:Demo:ShockDropPercent ({Show(demo.ShockDropPercent)}) is not beyond the engine's stop ({Show(engine.StopLossPercent)} %): the drops stop no one out");
        }

        return problems;
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
