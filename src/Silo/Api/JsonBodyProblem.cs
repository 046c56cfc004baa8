using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// Explains why a JSON body could not be read, naming the field: a field the endpoint does not know (a typo such as
/// <c>stopLossPct</c>), a value of the wrong JSON type (a number sent as a string), or broken syntax. The field is
/// judged against the endpoint's own request type, not by parsing the serializer's English messages.
/// </summary>
public sealed class JsonBodyProblem(IOptions<JsonOptions> options)
{
    public (string Detail, IDictionary<string, string[]>? Errors) Describe(HttpContext context, JsonException exception)
    {
        var path = exception.Path ?? "$";
        var field = FirstSegment(path);
        // The exception handler clears the endpoint before it runs handlers; the feature keeps the one that failed.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (field is null || requestType is null || exception.InnerException is JsonException)
        {
            // Broken syntax (the reader failed): there is no field to blame, only a position.
            return ($"The JSON body is malformed at {path}: {exception.Message}", null);
        }

        var properties = options.Value.SerializerOptions.GetTypeInfo(requestType).Properties;
        var property = properties.FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        var problem = property is null
            ? $"{field} is not a field of this request (known fields: {string.Join(", ", properties.Select(p => p.Name))})."
            : $"{field} could not be read: {Expected(property)}";
        return (problem, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] });
    }

    private static string Expected(JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(decimal) || type == typeof(int) || type == typeof(long)
            ? "send a JSON number such as 10.5, not a string, and send it once."
            : type == typeof(DateTimeOffset)
                ? "send an ISO 8601 date-time string such as \"2025-01-31T14:30:00Z\", once."
                : "send a JSON string, once.";
    }

    /// <summary>The top-level property a JSON path starts with: "$.quantity" → quantity, "$['a b']" → a b; null for "$".</summary>
    private static string? FirstSegment(string path)
    {
        if (path.StartsWith("$.", StringComparison.Ordinal))
        {
            var rest = path[2..];
            var end = rest.IndexOfAny(['.', '[']);
            return end < 0 ? rest : rest[..end];
        }

        if (path.StartsWith("$['", StringComparison.Ordinal))
        {
            var end = path.IndexOf("']", 3, StringComparison.Ordinal);
            return end < 0 ? null : path[3..end];
        }

        return null;
    }
}
