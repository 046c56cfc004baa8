using OrleansTrading.DemoMarket.Hosting;
using OrleansTrading.DemoMarket.Running;
using OrleansTrading.DemoMarket.Tests.Support;

namespace OrleansTrading.DemoMarket.Tests.Hosting;

/// <summary>The demo's defaults fit the engine's defaults; a mismatch that would hide an effect is named.</summary>
public sealed class EngineFitTests
{
    [Fact]
    public void The_defaults_fit_the_engines_defaults()
    {
        Assert.Empty(EngineFit.Problems(new DemoMarketOptions(), Given.Engine));
    }

    [Fact]
    public void An_engine_with_wider_limits_is_told_what_the_demo_will_not_show()
    {
        var lenient = Given.Engine with
        {
            MaxSpreadBps = 50m, MaxQuoteAge = TimeSpan.FromMinutes(1), StopLossPercent = 5m, DemoMarket = false,
        };

        var problems = EngineFit.Problems(new DemoMarketOptions(), lenient);

        Assert.Contains(problems, p => p.StartsWith("Trading:Demo:WideSpreadBps", StringComparison.Ordinal) && p.Contains("no spreadTooWide"));
        Assert.Contains(problems, p => p.StartsWith("Trading:Demo:StaleGapDuration", StringComparison.Ordinal) && p.Contains("no staleQuote"));
        Assert.Contains(problems, p => p.StartsWith("Trading:Demo:ShockDropPercent", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Trading:Demo:Enabled=true", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stricter_engine_is_told_that_ordinary_quotes_will_be_refused()
    {
        var strict = Given.Engine with { MaxSpreadBps = 3m, MaxQuoteAge = TimeSpan.FromMilliseconds(150) };

        var problems = EngineFit.Problems(new DemoMarketOptions(), strict);

        Assert.Contains(problems, p => p.StartsWith("Trading:Demo:MaxSpreadBps", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Trading:Demo:QuoteInterval", StringComparison.Ordinal));
    }
}
