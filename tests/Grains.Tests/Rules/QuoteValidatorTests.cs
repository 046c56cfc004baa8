using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class QuoteValidatorTests
{
    private static readonly Quote Valid = new("AAPL", 100.00m, 100.05m, EntryCheckBuilder.DefaultNow, BidSize: 200m, AskSize: 300m);

    private static void AssertOnlyError(string field, Dictionary<string, string[]> errors)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Key);
        Assert.NotEmpty(error.Value);
    }

    [Fact]
    public void Valid_quote_has_no_errors()
    {
        Assert.Empty(QuoteValidator.Validate(Valid));
    }

    [Fact]
    public void Quote_without_sizes_is_valid()
    {
        Assert.Empty(QuoteValidator.Validate(Valid with { BidSize = null, AskSize = null }));
    }

    [Fact]
    public void Zero_sizes_are_valid()
    {
        Assert.Empty(QuoteValidator.Validate(Valid with { BidSize = 0m, AskSize = 0m }));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("-100")]
    public void Bid_not_above_zero_is_an_error(string bid)
    {
        var errors = QuoteValidator.Validate(Valid with { Bid = decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(errors.ContainsKey("bid"));
        Assert.DoesNotContain("ask", errors.Keys);
    }

    [Fact]
    public void Smallest_positive_bid_is_valid()
    {
        Assert.Empty(QuoteValidator.Validate(Valid with { Bid = 0.0001m, Ask = 0.0001m }));
    }

    [Fact]
    public void Ask_below_bid_is_an_error()
    {
        AssertOnlyError("ask", QuoteValidator.Validate(Valid with { Ask = 99.99m }));
    }

    [Fact]
    public void Ask_equal_to_bid_is_valid()
    {
        Assert.Empty(QuoteValidator.Validate(Valid with { Ask = 100.00m }));
    }

    [Fact]
    public void Negative_bid_size_is_an_error()
    {
        AssertOnlyError("bidSize", QuoteValidator.Validate(Valid with { BidSize = -1m }));
    }

    [Fact]
    public void Negative_ask_size_is_an_error()
    {
        AssertOnlyError("askSize", QuoteValidator.Validate(Valid with { AskSize = -0.5m }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTC/USD")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    public void Malformed_symbol_is_an_error(string symbol)
    {
        AssertOnlyError("symbol", QuoteValidator.Validate(Valid with { Symbol = symbol }));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var quote = new Quote("", -1m, -2m, EntryCheckBuilder.DefaultNow, BidSize: -1m, AskSize: -1m);

        var errors = QuoteValidator.Validate(quote);

        Assert.Equal(["ask", "askSize", "bid", "bidSize", "symbol"], errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("79228162514264337593543950335", "bid")]
    [InlineData("1000000000.01", "bid")]
    [InlineData("0.000000001", "bid")]
    public void Bids_beyond_the_hard_cap_or_with_dust_decimals_are_refused(string bid, string field)
    {
        var price = decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture);

        var errors = QuoteValidator.Validate(Valid with { Bid = price, Ask = Math.Max(price, 100.05m) });

        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void An_ask_at_decimal_max_value_is_refused()
    {
        AssertOnlyError("ask", QuoteValidator.Validate(Valid with { Ask = decimal.MaxValue }));
    }

    [Fact]
    public void Absurd_sizes_are_refused()
    {
        AssertOnlyError("askSize", QuoteValidator.Validate(Valid with { AskSize = decimal.MaxValue }));
    }

    [Theory]
    [InlineData("AAPL\n")]
    [InlineData(".")]
    [InlineData("..")]
    public void Symbols_with_a_trailing_newline_or_dot_segments_are_refused(string symbol)
    {
        AssertOnlyError("symbol", QuoteValidator.Validate(Valid with { Symbol = symbol }));
    }
}
