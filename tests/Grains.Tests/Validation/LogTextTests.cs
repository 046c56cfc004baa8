using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Grains.Tests.Validation;

public class LogTextTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("plain reason", "plain reason")]
    [InlineData("a\nb", "a\\u000Ab")]
    [InlineData("a\r\nINFO forged", "a\\u000D\\u000AINFO forged")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("abc\u202Edef", "abc\\u202Edef")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    public void Control_and_format_characters_are_escaped_so_a_value_cannot_forge_a_log_line(string? value, string? expected)
    {
        Assert.Equal(expected, LogText.Escape(value));
    }

    [Fact]
    public void Safe_text_is_returned_as_is_without_copying()
    {
        var text = "nothing to escape";
        Assert.Same(text, LogText.Escape(text));
    }
}
