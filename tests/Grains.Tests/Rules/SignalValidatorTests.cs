using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class SignalValidatorTests
{
    private static readonly TradeSignal Valid = new("sig-1", "AAPL", OrderSide.Buy, 10m, SignalAction.Open);

    private static void AssertOnlyError(string field, Dictionary<string, string[]> errors)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Key);
        Assert.NotEmpty(error.Value);
        Assert.All(error.Value, message => Assert.StartsWith(field, message, StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_signal_has_no_errors()
    {
        Assert.Empty(SignalValidator.Validate(Valid));
    }

    [Fact]
    public void Valid_close_signal_with_stops_has_no_errors()
    {
        var signal = Valid with { Side = OrderSide.Sell, Action = SignalAction.Close, StopLossPercent = 1.5m, TrailingStopPercent = 0.75m };
        Assert.Empty(SignalValidator.Validate(signal));
    }

    // ---- signalId ---------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    public void Empty_signalId_is_an_error(string signalId)
    {
        AssertOnlyError("signalId", SignalValidator.Validate(Valid with { SignalId = signalId }));
    }

    [Fact]
    public void Null_signalId_is_an_error()
    {
        AssertOnlyError("signalId", SignalValidator.Validate(Valid with { SignalId = null! }));
    }

    [Fact]
    public void SignalId_at_the_max_length_is_valid()
    {
        Assert.Empty(SignalValidator.Validate(Valid with { SignalId = new string('x', SignalValidator.MaxSignalIdLength) }));
    }

    [Fact]
    public void SignalId_over_the_max_length_is_an_error()
    {
        AssertOnlyError("signalId",
            SignalValidator.Validate(Valid with { SignalId = new string('x', SignalValidator.MaxSignalIdLength + 1) }));
    }

    // ---- symbol -----------------------------------------------------------------------------

    [Theory]
    [InlineData("A")]
    [InlineData("aapl")]
    [InlineData("BRK.B")]
    [InlineData("BTC-USD")]
    [InlineData("ES_F")]
    [InlineData("ABCDEFGHIJKLMNOP")] // 16 characters
    public void Well_formed_symbols_are_valid(string symbol)
    {
        Assert.Empty(SignalValidator.Validate(Valid with { Symbol = symbol }));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("ABCDEFGHIJKLMNOPQ")] // 17 characters
    [InlineData("BTC/USD")]
    [InlineData("AA PL")]
    [InlineData("AAPL ")]
    [InlineData("$AAPL")]
    [InlineData("ÄPPL")]
    public void Malformed_symbols_are_an_error(string symbol)
    {
        AssertOnlyError("symbol", SignalValidator.Validate(Valid with { Symbol = symbol }));
    }

    [Fact]
    public void Null_symbol_is_an_error()
    {
        AssertOnlyError("symbol", SignalValidator.Validate(Valid with { Symbol = null! }));
    }

    // ---- quantity ---------------------------------------------------------------------------

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-0.0001")]
    public void Quantity_not_above_zero_is_an_error(string quantity)
    {
        var signal = Valid with { Quantity = decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) };
        AssertOnlyError("quantity", SignalValidator.Validate(signal));
    }

    [Fact]
    public void Fractional_positive_quantity_is_valid()
    {
        Assert.Empty(SignalValidator.Validate(Valid with { Quantity = 0.0001m }));
    }

    // ---- stop percentages -------------------------------------------------------------------

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("100")]
    [InlineData("150")]
    public void Stop_loss_percent_outside_zero_to_hundred_is_an_error(string percent)
    {
        var signal = Valid with { StopLossPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) };
        AssertOnlyError("stopLossPercent", SignalValidator.Validate(signal));
    }

    [Theory]
    [InlineData("0.0001")]
    [InlineData("2")]
    [InlineData("99.9999")]
    public void Stop_loss_percent_strictly_between_zero_and_hundred_is_valid(string percent)
    {
        var signal = Valid with { StopLossPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Empty(SignalValidator.Validate(signal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("100")]
    [InlineData("100.0001")]
    public void Trailing_stop_percent_outside_zero_to_hundred_is_an_error(string percent)
    {
        var signal = Valid with { TrailingStopPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) };
        AssertOnlyError("trailingStopPercent", SignalValidator.Validate(signal));
    }

    [Theory]
    [InlineData("0.0001")]
    [InlineData("1")]
    [InlineData("99.9999")]
    public void Trailing_stop_percent_strictly_between_zero_and_hundred_is_valid(string percent)
    {
        var signal = Valid with { TrailingStopPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Empty(SignalValidator.Validate(signal));
    }

    [Fact]
    public void Absent_stop_percentages_are_valid()
    {
        Assert.Empty(SignalValidator.Validate(Valid with { StopLossPercent = null, TrailingStopPercent = null }));
    }

    // ---- enums ------------------------------------------------------------------------------

    [Fact]
    public void Undefined_side_is_an_error()
    {
        AssertOnlyError("side", SignalValidator.Validate(Valid with { Side = (OrderSide)7 }));
    }

    [Fact]
    public void Undefined_action_is_an_error()
    {
        AssertOnlyError("action", SignalValidator.Validate(Valid with { Action = (SignalAction)(-1) }));
    }

    // ---- several problems -------------------------------------------------------------------

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var signal = new TradeSignal("", "BAD SYMBOL", (OrderSide)9, 0m, (SignalAction)9, StopLossPercent: 0m, TrailingStopPercent: 100m);

        var errors = SignalValidator.Validate(signal);

        Assert.Equal(
            ["action", "quantity", "side", "signalId", "stopLossPercent", "symbol", "trailingStopPercent"],
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Describe_joins_every_message()
    {
        var errors = SignalValidator.Validate(Valid with { SignalId = "", Quantity = -1m });

        var description = ValidationErrors.Describe(errors);

        Assert.Contains("signalId is required.", description, StringComparison.Ordinal);
        Assert.Contains("quantity must be greater than 0.", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sig-1\n")]
    [InlineData("sig\r\nINFO forged")]
    [InlineData("sig 1")]
    public void Signal_ids_with_control_characters_or_spaces_are_refused(string signalId)
    {
        var errors = SignalValidator.Validate(Valid with { SignalId = signalId });

        AssertOnlyError("signalId", errors);
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1000000001")]
    public void Dust_and_absurd_quantities_are_refused(string quantity)
    {
        AssertOnlyError("quantity", SignalValidator.Validate(Valid with { Quantity = decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture) }));
    }
}
