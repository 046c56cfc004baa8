using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Json;

namespace OrleansTrading.Client.Output;

/// <summary>JSON as the HTTP API writes it: camelCase names, enums as camelCase strings, decimals without trailing zeros, indented for people.</summary>
public static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = Create(JsonIgnoreCondition.Never);

    /// <summary>A decision shows either its execution or its rejection, never a list of nulls (same shape as the API).</summary>
    public static JsonSerializerOptions DecisionOptions { get; } = Create(JsonIgnoreCondition.WhenWritingNull);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static string Serialize(SignalDecision decision) => JsonSerializer.Serialize(decision, DecisionOptions);

    /// <summary><c>{"error": {…}}</c>, without the fields that do not apply to this error.</summary>
    public static string Serialize(CliError error) => JsonSerializer.Serialize(new { error }, DecisionOptions);

    private static JsonSerializerOptions Create(JsonIgnoreCondition ignore)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = ignore,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new NormalizedDecimalConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
