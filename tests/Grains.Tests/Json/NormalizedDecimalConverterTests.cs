using System.Globalization;
using System.Text.Json;
using OrleansTrading.Abstractions.Json;

namespace OrleansTrading.Grains.Tests.Json;

public sealed class NormalizedDecimalConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new NormalizedDecimalConverter() } };

    [Theory]
    [InlineData("98.0490", "98.049")]
    [InlineData("99992.50", "99992.5")]
    [InlineData("-7.50", "-7.5")]
    [InlineData("100000", "100000")]
    [InlineData("100000.000", "100000")]
    [InlineData("1000", "1000")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("0.0000000100", "0.00000001")]
    [InlineData("0.000", "0")]
    [InlineData("-0.00", "0")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("33.333333333333333333333333333", "33.333333333333333333333333333")]
    [InlineData("1.2345678901234567890123456780", "1.234567890123456789012345678")]
    public void Writes_the_same_number_without_trailing_zeros(string value, string expected)
    {
        var number = decimal.Parse(value, CultureInfo.InvariantCulture);

        var json = JsonSerializer.Serialize(number, Options);

        Assert.Equal(expected, json);
        Assert.Equal(number, JsonSerializer.Deserialize<decimal>(json, Options));
    }

    [Fact]
    public void A_computed_stop_keeps_its_value_and_loses_its_scale()
    {
        var stop = 100.05m * (1 - 2m / 100m); // 98.0490: the scale of the multiplication

        Assert.Equal("{\"Stop\":98.049,\"None\":null}", JsonSerializer.Serialize(new { Stop = stop, None = (decimal?)null }, Options));
        Assert.Equal(stop, NormalizedDecimalConverter.Normalize(stop));
    }

    [Fact]
    public void Nullable_decimals_use_it_too()
    {
        Assert.Equal("[1.5,null]", JsonSerializer.Serialize(new decimal?[] { 1.50m, null }, Options));
    }

    [Theory]
    [InlineData("\"10\"")]
    [InlineData("true")]
    [InlineData("1e400")]
    public void Reads_only_json_numbers_that_fit(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<decimal>(json, Options));
    }

    [Fact]
    public void Reads_a_number_exactly_as_given()
    {
        var read = JsonSerializer.Deserialize<decimal>("10.50", Options);

        Assert.Equal(10.50m, read);
        Assert.Equal(2, read.Scale);
    }
}
