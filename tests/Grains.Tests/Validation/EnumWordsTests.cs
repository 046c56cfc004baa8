using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Tests.Validation;

public class EnumWordsTests
{
    [Theory]
    [InlineData("buy", OrderSide.Buy)]
    [InlineData("BUY", OrderSide.Buy)]
    [InlineData(" Sell ", OrderSide.Sell)]
    public void Member_names_are_read_case_insensitively(string text, OrderSide expected)
    {
        Assert.True(EnumWords.TryParse<OrderSide>(text, out var side));
        Assert.Equal(expected, side);
    }

    [Theory]
    [InlineData("buy,sell")]
    [InlineData("sell, buy")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("0x1")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hold")]
    [InlineData(null)]
    public void Numbers_flag_combinations_and_unknown_words_are_refused(string? text)
    {
        Assert.False(EnumWords.TryParse<OrderSide>(text, out _));
    }

    [Theory]
    [InlineData("+2")]
    [InlineData("2")]
    [InlineData("active,halted")]
    [InlineData("reduceOnly|halted")]
    public void Kill_switch_words_are_strict_too(string text)
    {
        Assert.False(EnumWords.TryParse<KillSwitchState>(text, out _));
    }

    [Fact]
    public void Kill_switch_words_read_in_any_case()
    {
        Assert.True(EnumWords.TryParse<KillSwitchState>("reduceonly", out var state));
        Assert.Equal(KillSwitchState.ReduceOnly, state);
    }

    [Fact]
    public void Allowed_words_are_described_as_the_api_spells_them()
    {
        Assert.Equal("buy or sell", EnumWords.Describe<OrderSide>());
        Assert.Equal("open or close", EnumWords.Describe<SignalAction>());
        Assert.Equal("active, reduceOnly or halted", EnumWords.Describe<KillSwitchState>());
        Assert.Equal("accepted or rejected", EnumWords.Describe<SignalStatus>());
    }
}
