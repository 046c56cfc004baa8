using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Options;

/// <summary>
/// The engine's side of the demo market: the trading window is ignored only when a demo is declared and asks for it,
/// and then for real (an entry at 3 a.m. on a Sunday passes the window guard).
/// </summary>
public sealed class DemoOptionsTests
{
    /// <summary>Sunday 2026-11-29 08:00 UTC = 03:00 in New York: outside the default window.</summary>
    private static readonly DateTimeOffset SundayNight = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static TradingOptions Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            .Build();
        using var provider = new ServiceCollection().AddTradingOptions(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TradingOptions>>().Value;
    }

    [Fact]
    public void Without_a_demo_the_window_stays_on()
    {
        var options = Resolve();

        Assert.False(options.Demo.Enabled);
        Assert.True(options.TradingWindow.Enabled);
        Assert.NotNull(TradingWindow.Check(SundayNight, options.TradingWindow));
    }

    [Fact]
    public void A_demo_alone_keeps_the_window()
    {
        var options = Resolve(("Trading:Demo:Enabled", "true"));

        Assert.True(options.Demo.Enabled);
        Assert.False(options.Demo.IgnoresTradingWindow);
        Assert.True(options.TradingWindow.Enabled);
        Assert.NotNull(TradingWindow.Check(SundayNight, options.TradingWindow));
    }

    [Fact]
    public void A_demo_that_ignores_the_window_trades_at_any_hour_and_says_why()
    {
        var options = Resolve(("Trading:Demo:Enabled", "true"), ("Trading:Demo:IgnoreTradingWindow", "true"));

        Assert.True(options.Demo.IgnoresTradingWindow);
        Assert.False(options.TradingWindow.Enabled);
        Assert.Null(TradingWindow.Check(SundayNight, options.TradingWindow));
    }

    [Fact]
    public void Ignoring_the_window_without_a_demo_refuses_the_start_naming_the_key()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(("Trading:Demo:IgnoreTradingWindow", "true")));

        var message = Assert.Single(failure.Failures);
        Assert.StartsWith("Trading:Demo:IgnoreTradingWindow ", message, StringComparison.Ordinal);
        Assert.Contains("Trading:Demo:Enabled=true", message, StringComparison.Ordinal);
    }
}
