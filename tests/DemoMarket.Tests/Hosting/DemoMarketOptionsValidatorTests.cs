using OrleansTrading.DemoMarket.Hosting;

namespace OrleansTrading.DemoMarket.Tests.Hosting;

public sealed class DemoMarketOptionsValidatorTests
{
    private static readonly DemoMarketOptionsValidator Validator = new();

    /// <summary>One way to break each key, by its full configuration path.</summary>
    private static readonly Dictionary<string, Action<DemoMarketOptions>> Breakers = new(StringComparer.Ordinal)
    {
        ["Trading:Demo:AccountPrefix"] = o => o.AccountPrefix = "demo/",
        ["Trading:Demo:InitialBalance"] = o => o.InitialBalance = 0m,
        ["Trading:Demo:Symbols"] = o => o.Symbols = "ACME",
        ["Trading:Demo:QuoteInterval"] = o => o.QuoteInterval = TimeSpan.FromMilliseconds(5),
        ["Trading:Demo:DecisionInterval"] = o => o.DecisionInterval = TimeSpan.Zero,
        ["Trading:Demo:HoldTime"] = o => o.HoldTime = TimeSpan.FromHours(2),
        ["Trading:Demo:VolatilityPercent"] = o => o.VolatilityPercent = -1m,
        ["Trading:Demo:DriftPercent"] = o => o.DriftPercent = 80m,
        ["Trading:Demo:MinSpreadBps"] = o => o.MinSpreadBps = 0m,
        ["Trading:Demo:WideSpreadBps"] = o => o.WideSpreadBps = 5m,
        ["Trading:Demo:WideSpreadRate"] = o => o.WideSpreadRate = 1.5,
        ["Trading:Demo:WideSpreadDuration"] = o => o.WideSpreadDuration = TimeSpan.Zero,
        ["Trading:Demo:StaleGapRate"] = o => o.StaleGapRate = -0.1,
        ["Trading:Demo:StaleGapDuration"] = o => o.StaleGapDuration = TimeSpan.FromHours(1),
        ["Trading:Demo:MinSize"] = o => o.MinSize = 0.5m,
        ["Trading:Demo:FirstEventsAfter"] = o => o.FirstEventsAfter = TimeSpan.Zero,
        ["Trading:Demo:ShockDropPercent"] = o => o.ShockDropPercent = 50m,
        ["Trading:Demo:ShockDuration"] = o => o.ShockDuration = TimeSpan.Zero,
        ["Trading:Demo:ShockEvery"] = o => o.ShockEvery = TimeSpan.FromHours(2),
    };

    public static TheoryData<string> BadKeys => new(Breakers.Keys);

    private static string[] Failures(DemoMarketOptions options) =>
        Validator.Validate(null, options) is { Failed: true } result ? result.Failures!.ToArray() : [];

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(Failures(new DemoMarketOptions()));
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Each_bad_key_is_reported_by_its_full_path(string key)
    {
        var options = new DemoMarketOptions();
        Breakers[key](options);

        var failure = Assert.Single(Failures(options));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_key_is_reported_at_once()
    {
        var options = new DemoMarketOptions();
        foreach (var breaker in Breakers.Values)
        {
            breaker(options);
        }

        var failures = Failures(options);

        // Breaking MinSize and the spreads also breaks the keys checked against them (MaxSize, MaxSpreadBps).
        foreach (var key in Breakers.Keys)
        {
            Assert.Contains(failures, f => f.StartsWith(key + " ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("ACME,acme", "lists 'ACME' more than once")]
    [InlineData("ACME,BAD SYMBOL", "'BAD SYMBOL'")]
    [InlineData("ACME, GLOBEX ,", null)]
    public void Symbols_are_a_comma_separated_list_of_distinct_valid_symbols(string symbols, string? problem)
    {
        var failures = Failures(new DemoMarketOptions { Symbols = symbols });

        if (problem is null)
        {
            Assert.Empty(failures);
            Assert.Equal(["ACME", "GLOBEX"], new DemoMarketOptions { Symbols = symbols }.SymbolList);
        }
        else
        {
            Assert.Contains(problem, Assert.Single(failures), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_account_prefix_that_makes_an_id_too_long_is_refused_naming_the_id()
    {
        var failure = Assert.Single(Failures(new DemoMarketOptions { AccountPrefix = new string('d', 57) }));

        Assert.Contains("reckless", failure, StringComparison.Ordinal); // 57 + "reckless" is the one id over 64 characters
    }
}
