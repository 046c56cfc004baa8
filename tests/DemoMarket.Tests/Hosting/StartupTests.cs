using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansTrading.DemoMarket.Hosting;
using OrleansTrading.DemoMarket.Running;

namespace OrleansTrading.DemoMarket.Tests.Hosting;

/// <summary>The demo refuses to start, in one line naming the setting, unless it is enabled and every setting is valid.</summary>
public sealed class StartupTests
{
    private static void Add(params (string Key, string Value)[] settings)
    {
        var builder = DemoMarketHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        builder.AddDemoMarket();
    }

    [Fact]
    public void It_refuses_to_trade_unless_enabled()
    {
        var refusal = Assert.Throws<DemoRefusedException>(() => Add(("Trading:Demo:Enabled", "false")));

        Assert.StartsWith("Trading:Demo:Enabled is not true", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_settings_are_all_named_before_anything_connects()
    {
        var refusal = Assert.Throws<OptionsValidationException>(() => Add(
            ("Trading:Demo:Enabled", "true"), ("Trading:Demo:QuoteInterval", "00:00:00.001"), ("Trading:Demo:Symbols", "ACME")));

        Assert.Equal(2, refusal.Failures.Count());
        Assert.Contains(refusal.Failures, f => f.StartsWith("Trading:Demo:QuoteInterval ", StringComparison.Ordinal));
        Assert.Contains(refusal.Failures, f => f.StartsWith("Trading:Demo:Symbols ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:0")]
    [InlineData(" , ")]
    public void A_bad_gateway_is_refused_naming_the_setting(string gateways)
    {
        var refusal = Assert.Throws<DemoRefusedException>(() => Add(("Trading:Demo:Enabled", "true"), ("Orleans:Gateways", gateways)));

        Assert.StartsWith("Orleans:Gateways", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signal_ids_are_new_on_every_run_and_within_a_run()
    {
        var start = new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);
        var first = SignalIds.ForRunStartingAt(start);
        var restarted = SignalIds.ForRunStartingAt(start); // even a restart within the same second

        var ids = new[] { first.Next("trend"), first.Next("trend"), first.Next("dip"), restarted.Next("trend") };

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.StartsWith("20261125T150000-", ids[0], StringComparison.Ordinal);
        Assert.All(ids, id => Assert.True(OrleansTrading.Abstractions.Validation.InputRules.IsSignalId(id), id));
    }
}
