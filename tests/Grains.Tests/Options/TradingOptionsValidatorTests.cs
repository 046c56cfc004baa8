using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Tests.Options;

public class TradingOptionsValidatorTests
{
    private static readonly TradingOptionsValidator Validator = new();

    /// <summary>One way to break each key, by its full configuration path.</summary>
    private static readonly Dictionary<string, Action<TradingOptions>> Breakers = new(StringComparer.Ordinal)
    {
        ["Trading:Storage:ConnectionString"] = o => o.Storage.ConnectionString = "",
        ["Trading:Storage:Synchronous"] = o => o.Storage.Synchronous = "Sometimes",
        ["Trading:Storage:BusyTimeout"] = o => o.Storage.BusyTimeout = TimeSpan.FromMilliseconds(999),
        ["Trading:Governor:MaxOpenPositions"] = o => o.Governor.MaxOpenPositions = 0,
        ["Trading:Governor:CooldownAfterLosses"] = o => o.Governor.CooldownAfterLosses = 0,
        ["Trading:Governor:CooldownDuration"] = o => o.Governor.CooldownDuration = TimeSpan.FromSeconds(-1),
        ["Trading:Governor:SignalHistorySize"] = o => o.Governor.SignalHistorySize = 0,
        ["Trading:Filters:MaxSpreadBps"] = o => o.Filters.MaxSpreadBps = -0.01m,
        ["Trading:Filters:MaxSlippageBps"] = o => o.Filters.MaxSlippageBps = -1m,
        ["Trading:Filters:MaxQuoteAge"] = o => o.Filters.MaxQuoteAge = TimeSpan.Zero,
        ["Trading:Quotes:MaxPrice"] = o => o.Quotes.MaxPrice = 1_000_000_001m,
        ["Trading:Quotes:MaxJumpPercent"] = o => o.Quotes.MaxJumpPercent = -1m,
        ["Trading:Quotes:MaxFutureSkew"] = o => o.Quotes.MaxFutureSkew = TimeSpan.FromSeconds(-1),
        ["Trading:Quotes:MaxPublicationAge"] = o => o.Quotes.MaxPublicationAge = TimeSpan.FromSeconds(-1),
        ["Trading:TradingWindow:TimeZone"] = o => o.TradingWindow.TimeZone = "Mars/Olympus_Mons",
        ["Trading:TradingWindow:Start"] = o => o.TradingWindow.Start = new TimeOnly(16, 0),
        ["Trading:StopLoss:Percent"] = o => o.StopLoss.Percent = 0m,
        ["Trading:Venue:SimulatedSlippageBps"] = o => o.Venue.SimulatedSlippageBps = -5m,
        ["Trading:Venue:SymbolSlippageBps:AAPL"] = o => o.Venue.SymbolSlippageBps["AAPL"] = -1m,
        ["Trading:Demo:IgnoreTradingWindow"] = o => o.Demo.IgnoreTradingWindow = true,
        ["Trading:Limits:MaxNotionalPerOrder"] = o => o.Limits.MaxNotionalPerOrder = 0m,
        ["Trading:Limits:MaxQuantityPerOrder"] = o => o.Limits.MaxQuantityPerOrder = 1_000_000_001m,
        ["Trading:Limits:MaxSignalsPerMinute"] = o => o.Limits.MaxSignalsPerMinute = 0,
        ["Trading:Limits:DailyLossPercent"] = o => o.Limits.DailyLossPercent = 100.01m,
        ["Trading:Limits:MaxDrawdownPercent"] = o => o.Limits.MaxDrawdownPercent = 0m,
        ["Trading:Limits:StopLossGuard:Count"] = o => o.Limits.StopLossGuard.Count = 0,
        ["Trading:Limits:StopLossGuard:Window"] = o => o.Limits.StopLossGuard.Window = TimeSpan.Zero,
        ["Trading:Limits:StopLossGuard:LockFor"] = o => o.Limits.StopLossGuard.LockFor = TimeSpan.FromDays(8),
        ["Trading:Limits:Portfolio:MaxExposurePerSymbol"] = o => o.Limits.Portfolio.MaxExposurePerSymbol = -1m,
        ["Trading:Limits:Portfolio:MaxGrossExposure"] = o => o.Limits.Portfolio.MaxGrossExposure = 0.000000001m,
        ["Trading:Limits:Portfolio:DailyLossPercent"] = o => o.Limits.Portfolio.DailyLossPercent = 0m,
    };

    public static TheoryData<string> BadKeys => new(Breakers.Keys);

    private static string[] Failures(TradingOptions options)
    {
        var result = Validator.Validate(null, options);
        return result.Failed ? result.Failures!.ToArray() : [];
    }

    private static void AssertSingleFailureFor(string keyPath, TradingOptions options)
    {
        var failure = Assert.Single(Failures(options));
        Assert.StartsWith(keyPath + " ", failure, StringComparison.Ordinal);
    }

    private static void AssertValid(TradingOptions options)
    {
        var result = Validator.Validate(null, options);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Failures ?? []));
    }

    [Fact]
    public void Default_options_are_valid()
    {
        AssertValid(new TradingOptions());
    }

    [Fact]
    public void Limit_defaults_are_the_ones_the_issue_names()
    {
        var limits = new TradingOptions().Limits;
        Assert.Equal(100_000m, limits.MaxNotionalPerOrder);
        Assert.Null(limits.MaxQuantityPerOrder);
        Assert.Equal(6_000, limits.MaxSignalsPerMinute);
        Assert.Equal(5m, limits.DailyLossPercent);
        Assert.False(limits.FlattenOnDailyLoss);
        Assert.Equal(20m, limits.MaxDrawdownPercent);
        Assert.Equal((4, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30)),
            (limits.StopLossGuard.Count, limits.StopLossGuard.Window, limits.StopLossGuard.LockFor));
        Assert.Equal((1_000_000m, 5_000_000m, 3m),
            (limits.Portfolio.MaxExposurePerSymbol, limits.Portfolio.MaxGrossExposure, limits.Portfolio.DailyLossPercent));
    }

    [Fact]
    public void Limits_at_the_edges_of_their_ranges_are_valid()
    {
        var options = new TradingOptions();
        options.Limits.DailyLossPercent = 100m;
        options.Limits.MaxDrawdownPercent = 0.00000001m;
        options.Limits.MaxSignalsPerMinute = 1_000_000;
        options.Limits.StopLossGuard.Window = TimeSpan.FromSeconds(1);
        options.Limits.StopLossGuard.LockFor = TimeSpan.FromDays(7);
        options.Limits.MaxQuantityPerOrder = 1_000_000_000m;
        AssertValid(options);
    }

    [Fact]
    public void Section_name_is_Trading()
    {
        Assert.Equal("Trading", TradingOptions.SectionName);
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Each_bad_key_is_reported_by_its_full_path(string keyPath)
    {
        var options = new TradingOptions();
        Breakers[keyPath](options);

        AssertSingleFailureFor(keyPath, options);
    }

    [Fact]
    public void Every_bad_key_is_reported_at_once()
    {
        var options = new TradingOptions();
        foreach (var breaker in Breakers.Values)
        {
            breaker(options);
        }

        var failures = Failures(options);

        Assert.Equal(Breakers.Count, failures.Length);
        foreach (var keyPath in Breakers.Keys)
        {
            Assert.Single(failures, f => f.StartsWith(keyPath + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_failure_starts_with_the_section_name()
    {
        var options = new TradingOptions();
        options.Filters.MaxSpreadBps = -1m;
        options.Governor.MaxOpenPositions = -1;

        Assert.All(Failures(options), f => Assert.StartsWith("Trading:", f, StringComparison.Ordinal));
    }

    // ---- boundaries -------------------------------------------------------------------------

    [Fact]
    public void Zero_spread_and_slippage_limits_are_valid()
    {
        var options = new TradingOptions();
        options.Filters.MaxSpreadBps = 0m;
        options.Filters.MaxSlippageBps = 0m;
        options.Venue.SimulatedSlippageBps = 0m;
        options.Venue.SymbolSlippageBps["AAPL"] = 0m;

        AssertValid(options);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100_001)]
    public void Max_concurrent_http_signals_outside_1_to_100000_is_invalid(int places)
    {
        var options = new TradingOptions();
        options.Api.MaxConcurrentSignals = places;

        AssertSingleFailureFor("Trading:Api:MaxConcurrentSignals", options);
    }

    [Fact]
    public void Negative_max_quote_age_is_invalid()
    {
        var options = new TradingOptions();
        options.Filters.MaxQuoteAge = TimeSpan.FromMilliseconds(-1);

        AssertSingleFailureFor("Trading:Filters:MaxQuoteAge", options);
    }

    [Fact]
    public void One_tick_max_quote_age_is_valid()
    {
        var options = new TradingOptions();
        options.Filters.MaxQuoteAge = TimeSpan.FromTicks(1);

        AssertValid(options);
    }

    [Fact]
    public void Max_open_positions_of_one_is_valid()
    {
        var options = new TradingOptions();
        options.Governor.MaxOpenPositions = 1;
        options.Governor.CooldownAfterLosses = 1;

        AssertValid(options);
    }

    [Fact]
    public void Zero_cooldown_duration_is_valid()
    {
        var options = new TradingOptions();
        options.Governor.CooldownDuration = TimeSpan.Zero;

        AssertValid(options);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    [InlineData(-1, false)]
    public void Signal_history_size_must_be_between_1_and_10000(int size, bool valid)
    {
        var options = new TradingOptions();
        options.Governor.SignalHistorySize = size;

        if (valid)
        {
            AssertValid(options);
        }
        else
        {
            AssertSingleFailureFor("Trading:Governor:SignalHistorySize", options);
        }
    }

    [Theory]
    [InlineData("0.0001", true)]
    [InlineData("99.9999", true)]
    [InlineData("100", false)]
    [InlineData("-1", false)]
    public void Stop_loss_percent_must_be_strictly_between_0_and_100(string percent, bool valid)
    {
        var options = new TradingOptions();
        options.StopLoss.Percent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture);

        if (valid)
        {
            AssertValid(options);
        }
        else
        {
            AssertSingleFailureFor("Trading:StopLoss:Percent", options);
        }
    }

    [Fact]
    public void Busy_timeout_of_exactly_one_second_is_valid()
    {
        var options = new TradingOptions();
        options.Storage.BusyTimeout = TimeSpan.FromSeconds(1);

        AssertValid(options);
    }

    [Theory]
    [InlineData("Off")]
    [InlineData("normal")]
    [InlineData("FULL")]
    [InlineData("Extra")]
    public void Synchronous_levels_are_case_insensitive(string level)
    {
        var options = new TradingOptions();
        options.Storage.Synchronous = level;

        AssertValid(options);
    }

    [Theory]
    [InlineData("Mode=Memory")]
    [InlineData("   ")]
    [InlineData("this is not a connection string")]
    public void Connection_string_without_a_data_source_is_invalid(string connectionString)
    {
        var options = new TradingOptions();
        options.Storage.ConnectionString = connectionString;

        AssertSingleFailureFor("Trading:Storage:ConnectionString", options);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=trading;Mode=Memory")]
    public void An_in_memory_database_is_refused_because_nothing_acknowledged_would_survive_a_restart(string connectionString)
    {
        var options = new TradingOptions();
        options.Storage.ConnectionString = connectionString;

        AssertSingleFailureFor("Trading:Storage:ConnectionString", options);
    }

    [Fact]
    public void Window_start_equal_to_end_is_invalid()
    {
        var options = new TradingOptions();
        options.TradingWindow.Start = new TimeOnly(12, 0);
        options.TradingWindow.End = new TimeOnly(12, 0);

        AssertSingleFailureFor("Trading:TradingWindow:Start", options);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Eastern")]
    public void Unknown_time_zone_is_invalid(string zone)
    {
        var options = new TradingOptions();
        options.TradingWindow.TimeZone = zone;

        AssertSingleFailureFor("Trading:TradingWindow:TimeZone", options);
    }

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("Asia/Tokyo")]
    [InlineData("UTC")]
    public void Known_time_zones_are_valid(string zone)
    {
        var options = new TradingOptions();
        options.TradingWindow.TimeZone = zone;

        AssertValid(options);
    }

    [Fact]
    public void Each_negative_symbol_slippage_is_reported_by_its_symbol()
    {
        var options = new TradingOptions();
        options.Venue.SymbolSlippageBps["AAPL"] = -1m;
        options.Venue.SymbolSlippageBps["MSFT"] = 2m;
        options.Venue.SymbolSlippageBps["TSLA"] = -3m;

        var failures = Failures(options);

        Assert.Equal(2, failures.Length);
        Assert.Single(failures, f => f.StartsWith("Trading:Venue:SymbolSlippageBps:AAPL ", StringComparison.Ordinal));
        Assert.Single(failures, f => f.StartsWith("Trading:Venue:SymbolSlippageBps:TSLA ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Trading:Filters:MaxSpreadBps")]
    [InlineData("Trading:Filters:MaxSlippageBps")]
    [InlineData("Trading:Venue:SimulatedSlippageBps")]
    public void Basis_point_allowances_above_100_percent_are_refused_so_price_factors_stay_bounded(string key)
    {
        var options = new TradingOptions();
        switch (key)
        {
            case "Trading:Filters:MaxSpreadBps": options.Filters.MaxSpreadBps = 10_001m; break;
            case "Trading:Filters:MaxSlippageBps": options.Filters.MaxSlippageBps = 10_001m; break;
            default: options.Venue.SimulatedSlippageBps = 10_001m; break;
        }

        AssertSingleFailureFor(key, options);
    }

    [Fact]
    public void Quote_checks_have_generous_defaults_and_can_be_turned_off()
    {
        var options = new TradingOptions();
        Assert.Equal(10_000_000m, options.Quotes.MaxPrice);
        Assert.Equal(50m, options.Quotes.MaxJumpPercent);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Quotes.MaxPublicationAge);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Quotes.MaxFutureSkew);

        options.Quotes.MaxJumpPercent = 0m;
        options.Quotes.MaxPrice = 1_000_000_000m;
        AssertValid(options);
    }

    [Fact]
    public void Publication_age_below_the_stale_quote_age_is_refused_because_stale_quotes_must_still_be_kept()
    {
        var options = new TradingOptions();
        options.Filters.MaxQuoteAge = TimeSpan.FromMinutes(2);

        AssertSingleFailureFor("Trading:Quotes:MaxPublicationAge", options);
    }
}
