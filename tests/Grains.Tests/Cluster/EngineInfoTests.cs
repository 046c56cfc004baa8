using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;

namespace OrleansTrading.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class EngineInfoTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_engine_reports_its_settings_and_an_open_window_in_exchange_time()
    {
        var settings = await fixture.Cluster.Client.EngineInfo().GetSettingsAsync();

        Assert.Equal(10m, settings.MaxSpreadBps);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.MaxQuoteAge);
        Assert.Equal(3, settings.MaxOpenPositions);
        Assert.Equal(2m, settings.StopLossPercent);
        Assert.True(settings.TradingWindowEnabled);
        Assert.True(settings.TradingWindowOpen); // the fixture's clock stands inside the window
        Assert.Equal("America/New_York", settings.ExchangeTimeZone);
        var exchangeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(exchangeZone.GetUtcOffset(fixture.Clock.Now), settings.ExchangeTime.Offset);
        Assert.False(settings.DemoMarket); // no Trading:Demo settings: no demo is announced
        Assert.False(settings.TradingWindowIgnoredForDemo);
        Assert.Equal(new LimitDefaults(100_000m, null, 6_000, 5m, false, 20m, 4, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30),
            1_000_000m, 5_000_000m, 3m), settings.Limits);
    }
}
