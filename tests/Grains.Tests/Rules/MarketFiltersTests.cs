using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class MarketFiltersTests
{
    private static readonly DateTimeOffset Now = EntryCheckBuilder.DefaultNow;
    private static readonly TimeSpan DefaultMaxAge = new FilterOptions().MaxQuoteAge;
    private static readonly decimal DefaultMaxSpread = new FilterOptions().MaxSpreadBps;

    private static Quote QuoteAt(decimal bid, decimal ask, DateTimeOffset? timestamp = null) =>
        new("AAPL", bid, ask, timestamp ?? Now);

    [Fact]
    public void Filter_defaults_are_10_bps_spread_10_bps_slippage_and_500_ms_age()
    {
        var defaults = new FilterOptions();
        Assert.Equal(10m, defaults.MaxSpreadBps);
        Assert.Equal(10m, defaults.MaxSlippageBps);
        Assert.Equal(TimeSpan.FromMilliseconds(500), defaults.MaxQuoteAge);
    }

    // ---- quote freshness --------------------------------------------------------------------

    [Fact]
    public void Missing_quote_is_noQuote()
    {
        var denial = MarketFilters.CheckQuoteFreshness(null, Now, DefaultMaxAge);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.NoQuote, denial.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(499)]
    [InlineData(500)]
    public void Quote_up_to_max_age_is_fresh(int ageMs)
    {
        var quote = QuoteAt(100m, 100.05m, Now.AddMilliseconds(-ageMs));
        Assert.Null(MarketFilters.CheckQuoteFreshness(quote, Now, DefaultMaxAge));
    }

    [Theory]
    [InlineData(501)]
    [InlineData(1_000)]
    [InlineData(60_000)]
    public void Quote_older_than_max_age_is_stale(int ageMs)
    {
        var quote = QuoteAt(100m, 100.05m, Now.AddMilliseconds(-ageMs));

        var denial = MarketFilters.CheckQuoteFreshness(quote, Now, DefaultMaxAge);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.StaleQuote, denial.Reason);
    }

    [Fact]
    public void Quote_one_tick_over_max_age_is_stale()
    {
        var quote = QuoteAt(100m, 100.05m, Now - DefaultMaxAge - TimeSpan.FromTicks(1));
        Assert.NotNull(MarketFilters.CheckQuoteFreshness(quote, Now, DefaultMaxAge));
    }

    [Fact]
    public void Quote_age_is_measured_between_instants_regardless_of_offset()
    {
        // The same instant as Now - 400 ms, written in New York time.
        var timestamp = (Now - TimeSpan.FromMilliseconds(400)).ToOffset(TimeSpan.FromHours(-5));
        Assert.Null(MarketFilters.CheckQuoteFreshness(QuoteAt(100m, 100.05m, timestamp), Now, DefaultMaxAge));
    }

    // ---- spread -----------------------------------------------------------------------------

    [Theory]
    [InlineData("99.95", "100.05", "10")]
    [InlineData("100.00", "100.00", "0")]
    [InlineData("19.99", "20.01", "10")]
    [InlineData("99.90", "100.10", "20")]
    public void Spread_is_ask_minus_bid_over_mid_in_bps(string bid, string ask, string expectedBps)
    {
        var quote = QuoteAt(decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(ask, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(expectedBps, System.Globalization.CultureInfo.InvariantCulture), MarketFilters.SpreadBps(quote));
    }

    [Fact]
    public void Spread_exactly_at_limit_passes()
    {
        var quote = QuoteAt(99.95m, 100.05m);
        Assert.Equal(10m, MarketFilters.SpreadBps(quote));
        Assert.Null(MarketFilters.CheckSpread(quote, DefaultMaxSpread));
    }

    [Fact]
    public void Spread_exactly_at_limit_passes_at_other_price_levels()
    {
        Assert.Null(MarketFilters.CheckSpread(QuoteAt(19.99m, 20.01m), 10m));
        Assert.Null(MarketFilters.CheckSpread(QuoteAt(999.5m, 1000.5m), 10m));
    }

    [Fact]
    public void Spread_just_over_limit_fails()
    {
        var quote = QuoteAt(99.95m, 100.0501m);

        var denial = MarketFilters.CheckSpread(quote, DefaultMaxSpread);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.SpreadTooWide, denial.Reason);
    }

    [Fact]
    public void Spread_just_under_limit_passes()
    {
        Assert.Null(MarketFilters.CheckSpread(QuoteAt(99.95m, 100.0499m), DefaultMaxSpread));
    }

    [Fact]
    public void Locked_market_passes_a_zero_bps_limit()
    {
        Assert.Null(MarketFilters.CheckSpread(QuoteAt(100m, 100m), 0m));
        Assert.NotNull(MarketFilters.CheckSpread(QuoteAt(100m, 100.01m), 0m));
    }

    [Fact]
    public void Configured_spread_limit_is_honoured()
    {
        var quote = QuoteAt(99.90m, 100.10m); // 20 bps

        Assert.NotNull(MarketFilters.CheckSpread(quote, 19.99m));
        Assert.Null(MarketFilters.CheckSpread(quote, 20m));
    }

    // ---- marketable limit -------------------------------------------------------------------

    [Fact]
    public void Buy_limit_is_ask_plus_slippage()
    {
        var quote = QuoteAt(100.00m, 100.05m);
        Assert.Equal(100.15005m, MarketFilters.MarketableLimit(OrderSide.Buy, quote, 10m));
    }

    [Fact]
    public void Sell_limit_is_bid_minus_slippage()
    {
        var quote = QuoteAt(100.00m, 100.05m);
        Assert.Equal(99.90m, MarketFilters.MarketableLimit(OrderSide.Sell, quote, 10m));
    }

    [Fact]
    public void Zero_slippage_limit_is_the_touch()
    {
        var quote = QuoteAt(100.00m, 100.05m);
        Assert.Equal(100.05m, MarketFilters.MarketableLimit(OrderSide.Buy, quote, 0m));
        Assert.Equal(100.00m, MarketFilters.MarketableLimit(OrderSide.Sell, quote, 0m));
    }

    [Fact]
    public void Larger_slippage_widens_the_limit_proportionally()
    {
        var quote = QuoteAt(200m, 200m);
        Assert.Equal(201m, MarketFilters.MarketableLimit(OrderSide.Buy, quote, 50m));
        Assert.Equal(199m, MarketFilters.MarketableLimit(OrderSide.Sell, quote, 50m));
    }

    [Theory]
    [InlineData(OrderSide.Buy, "100.10", "100.15", true)]
    [InlineData(OrderSide.Buy, "100.15", "100.15", true)]
    [InlineData(OrderSide.Buy, "100.16", "100.15", false)]
    [InlineData(OrderSide.Sell, "99.95", "99.90", true)]
    [InlineData(OrderSide.Sell, "99.90", "99.90", true)]
    [InlineData(OrderSide.Sell, "99.89", "99.90", false)]
    public void Fill_is_within_limit_when_not_worse_than_it(OrderSide side, string price, string limit, bool expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(expected, MarketFilters.IsWithinLimit(side, decimal.Parse(price, inv), decimal.Parse(limit, inv)));
    }

    [Fact]
    public void Slippage_exceeded_denial_carries_its_reason()
    {
        var denial = MarketFilters.SlippageExceeded(OrderSide.Buy, 100.15005m);

        Assert.Equal(RejectionReason.SlippageExceeded, denial.Reason);
        Assert.Contains("100.15005", denial.Detail, StringComparison.Ordinal);
    }
}
