using System.Globalization;
using System.Text.Json;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Silo.Api;

/// <summary>
/// Reads the body of <c>PUT /api/accounts/{id}/limits</c>: a JSON object naming some limits. A value sets an override,
/// <c>null</c> restores the default, and a limit the body does not name stays as it is, which a typed request record
/// could not tell apart. So the object is read field by field, as strictly as every other body: an unknown field, a
/// number sent as a string or a value of the wrong type is named in a 400, and the values are then checked with the
/// shared <see cref="LimitRules"/>.
/// </summary>
public static class LimitsChangeParsing
{
    public static (LimitsChange? Change, Dictionary<string, string[]> Errors) Parse(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"A JSON object naming the limits to change is required ({EnumWords.Describe<LimitName>()}); null restores a default."];
            return (null, errors);
        }

        var set = LimitOverrides.None;
        var restore = new List<LimitName>();
        foreach (var property in body.EnumerateObject())
        {
            if (!EnumWords.TryParse<LimitName>(property.Name, out var name) || property.Name.Any(c => !char.IsAsciiLetter(c)))
            {
                errors[property.Name] = [$"{property.Name} is not a limit (known: {string.Join(", ", Enum.GetValues<LimitName>().Select(LimitRules.Field))})."];
                continue;
            }

            var field = LimitRules.Field(name);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                restore.Add(name);
                continue;
            }

            set = name switch
            {
                LimitName.MaxNotionalPerOrder => Decimal(property.Value, field, errors) is { } v ? set with { MaxNotionalPerOrder = v } : set,
                LimitName.MaxQuantityPerOrder => Decimal(property.Value, field, errors) is { } v ? set with { MaxQuantityPerOrder = v } : set,
                LimitName.MaxSignalsPerMinute => Int(property.Value, field, errors) is { } v ? set with { MaxSignalsPerMinute = v } : set,
                LimitName.DailyLossPercent => Decimal(property.Value, field, errors) is { } v ? set with { DailyLossPercent = v } : set,
                LimitName.FlattenOnDailyLoss => Bool(property.Value, field, errors) is { } v ? set with { FlattenOnDailyLoss = v } : set,
                LimitName.MaxDrawdownPercent => Decimal(property.Value, field, errors) is { } v ? set with { MaxDrawdownPercent = v } : set,
                LimitName.StopLossGuardCount => Int(property.Value, field, errors) is { } v ? set with { StopLossGuardCount = v } : set,
                LimitName.StopLossGuardWindow => Duration(property.Value, field, errors) is { } v ? set with { StopLossGuardWindow = v } : set,
                _ => Duration(property.Value, field, errors) is { } v ? set with { StopLossGuardLockFor = v } : set,
            };
        }

        var change = new LimitsChange(set, restore);
        if (errors.Count == 0)
        {
            errors = LimitRules.Validate(change);
        }

        return errors.Count == 0 ? (change, errors) : (null, errors);
    }

    private static decimal? Decimal(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        errors[field] = [$"{field} could not be read: send a JSON number such as 10.5 (not a string), or null for the default."];
        return null;
    }

    private static int? Int(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        errors[field] = [$"{field} could not be read: send a whole JSON number such as 10 (not a string), or null for the default."];
        return null;
    }

    private static bool? Bool(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors[field] = [$"{field} could not be read: send true or false, or null for the default."];
        return null;
    }

    private static TimeSpan? Duration(JsonElement value, string field, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.String &&
            TimeSpan.TryParseExact(value.GetString(), "c", CultureInfo.InvariantCulture, out var duration))
        {
            return duration;
        }

        errors[field] = [$"{field} could not be read: send a duration string such as \"00:30:00\" (hh:mm:ss, or d.hh:mm:ss), or null for the default."];
        return null;
    }
}
