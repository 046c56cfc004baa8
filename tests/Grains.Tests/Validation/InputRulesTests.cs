using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Tests.Validation;

public class InputRulesTests
{
    [Theory]
    [InlineData("m1")]
    [InlineData("strategy_7.v2-live")]
    [InlineData("...")]
    [InlineData("a.")]
    public void Account_ids_of_letters_digits_dots_dashes_and_underscores_are_valid(string id)
    {
        Assert.True(InputRules.IsAccountId(id));
    }

    [Theory]
    [InlineData("m1\n")]
    [InlineData("m1\r\n")]
    [InlineData("\nm1")]
    [InlineData("m\u00001")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("bad id")]
    [InlineData("m1$")]
    [InlineData("ｍ1")]
    [InlineData(null)]
    public void Account_ids_with_a_trailing_newline_control_characters_or_dot_segments_are_refused(string? id)
    {
        Assert.False(InputRules.IsAccountId(id));
    }

    [Fact]
    public void Account_ids_are_at_most_64_characters()
    {
        Assert.True(InputRules.IsAccountId(new string('a', 64)));
        Assert.False(InputRules.IsAccountId(new string('a', 65)));
    }

    [Theory]
    [InlineData("AAPL", true)]
    [InlineData("brk.b", true)]
    [InlineData("AAPL\n", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("ABCDEFGHIJKLMNOPQ", false)]
    public void Symbols_follow_the_same_anchored_pattern(string symbol, bool valid)
    {
        Assert.Equal(valid, InputRules.IsSymbol(symbol));
    }

    [Theory]
    [InlineData("sig-1", true)]
    [InlineData("strategy:2025-01-31T14:30:00Z#1", true)]
    [InlineData("sig-1\n", false)]
    [InlineData("sig-1\nINFO forged line", false)]
    [InlineData("sig\t1", false)]
    [InlineData("sig 1", false)]
    [InlineData("sig\u202E1", false)]
    [InlineData("", false)]
    public void Signal_ids_are_visible_ascii_only(string signalId, bool valid)
    {
        Assert.Equal(valid, InputRules.IsSignalId(signalId));
    }

    [Fact]
    public void Signal_ids_are_at_most_128_characters()
    {
        Assert.True(InputRules.IsSignalId(new string('s', InputLimits.MaxSignalIdLength)));
        Assert.False(InputRules.IsSignalId(new string('s', InputLimits.MaxSignalIdLength + 1)));
    }

    [Theory]
    [InlineData("0.00000001")]
    [InlineData("1")]
    [InlineData("10.50000000000")]
    [InlineData("1000000000")]
    public void Quantities_within_the_bounds_with_at_most_eight_decimals_are_valid(string quantity)
    {
        Assert.Null(InputRules.QuantityProblem(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0", "must be greater than 0")]
    [InlineData("-1", "must be greater than 0")]
    [InlineData("0.0000000000000000000000000001", "must have at most 8 decimal places")]
    [InlineData("0.000000001", "must have at most 8 decimal places")]
    [InlineData("1000000000.00000001", "must be at most 1000000000")]
    [InlineData("79228162514264337593543950335", "must be at most 1000000000")]
    public void Quantities_that_are_dust_or_absurd_are_refused(string quantity, string problem)
    {
        Assert.Equal(problem, InputRules.QuantityProblem(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Prices_balances_and_sizes_have_their_own_caps()
    {
        Assert.Null(InputRules.PriceProblem(InputLimits.MaxPrice));
        Assert.NotNull(InputRules.PriceProblem(decimal.MaxValue));
        Assert.Null(InputRules.InitialBalanceProblem(InputLimits.MaxInitialBalance));
        Assert.NotNull(InputRules.InitialBalanceProblem(InputLimits.MaxInitialBalance + 1));
        Assert.Null(InputRules.SizeProblem(0m));
        Assert.Equal("must not be negative", InputRules.SizeProblem(-1m));
        Assert.NotNull(InputRules.SizeProblem(decimal.MaxValue));
    }

    [Fact]
    public void The_limits_keep_every_product_and_sum_the_engine_forms_far_from_decimal_overflow()
    {
        // The largest notional or PnL, times a slippage factor of at most 2, summed over a million trades.
        var worst = InputLimits.MaxNotional * 2m * 1_000_000m + InputLimits.MaxInitialBalance;
        Assert.True(worst < decimal.MaxValue / 1_000m);
        Assert.Equal(1_000_000_000_000_000_000m, InputLimits.MaxNotional);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("maintenance window", null)]
    [InlineData("line\nINFO forged", "must not contain control characters")]
    public void Reasons_are_bounded_free_text_without_control_characters(string? reason, string? problem)
    {
        Assert.Equal(problem, InputRules.ReasonProblem(reason));
    }

    [Fact]
    public void Reasons_are_at_most_500_characters()
    {
        Assert.Null(InputRules.ReasonProblem(new string('x', 500)));
        Assert.Equal("must be at most 500 characters", InputRules.ReasonProblem(new string('x', 501)));
    }
}
