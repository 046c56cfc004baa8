using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansTrading.Abstractions.Json;

/// <summary>
/// Writes a decimal with its trailing zeros dropped (98.0490 → 98.049, 99992.50 → 99992.5): decimal keeps the scale of
/// the arithmetic that made it, which is noise to a reader and to tools that compare text. The value itself is never
/// rounded. Reads only JSON numbers, exactly as given, so a number sent as a string is still refused.
/// </summary>
public sealed class NormalizedDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // No message: the serializer then reports the property's path, which the API turns into a field error.
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
        {
            throw new JsonException();
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Normalize(value));

    /// <summary>The same number with the smallest scale that represents it exactly.</summary>
    public static decimal Normalize(decimal value)
    {
        if (value == 0m)
        {
            return 0m; // also a negative zero (-0.00 from a product), which would otherwise print as -0
        }

        while (value.Scale > 0)
        {
            // Rounding away one place is exact only when that place holds a zero.
            var shorter = decimal.Round(value, value.Scale - 1);
            if (shorter != value)
            {
                break;
            }

            value = shorter;
        }

        return value;
    }
}
