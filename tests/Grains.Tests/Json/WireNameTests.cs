using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Json;
using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Tests.Json;

/// <summary>The words the journal, the archive, the CLI and the dashboard write for enum values are the API's JSON words.</summary>
public sealed class WireNameTests
{
    private static readonly JsonSerializerOptions Api = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    [Theory]
    [InlineData(typeof(OrderSide))]
    [InlineData(typeof(OrderStatus))]
    [InlineData(typeof(OrderPurpose))]
    [InlineData(typeof(RejectionReason))]
    [InlineData(typeof(SignalAction))]
    [InlineData(typeof(SignalStatus))]
    [InlineData(typeof(PositionSide))]
    [InlineData(typeof(VenueCancelReason))]
    public void Every_value_has_the_apis_word(Type type) =>
        Assert.All(Enum.GetValues(type).Cast<Enum>(), value =>
            Assert.Equal(JsonSerializer.Serialize(value, type, Api).Trim('"'), WordOf(value)));

    [Fact]
    public void Words_are_camel_case() =>
        Assert.Equal(("spreadTooWide", "stopLoss"), (WireName.Of(RejectionReason.SpreadTooWide), WireName.Of(OrderPurpose.StopLoss)));

    [Fact]
    public void A_value_outside_the_enum_is_written_as_its_number_as_json_would() =>
        Assert.Equal(JsonSerializer.Serialize((OrderSide)42, Api), WireName.Of((OrderSide)42));

    private static string WordOf(Enum value) =>
        (string)typeof(WireName).GetMethod(nameof(WireName.Of))!.MakeGenericMethod(value.GetType()).Invoke(null, [value])!;
}
