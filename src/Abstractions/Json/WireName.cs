using System.Collections.Frozen;
using System.Text.Json;

namespace OrleansTrading.Abstractions.Json;

/// <summary>
/// The camelCase word an enum value is known by outside the process (<c>spreadTooWide</c>, <c>reduceOnly</c>): in the
/// API's JSON, the journal's and the venue archive's columns, the CLI and the dashboard. One definition, so a word never
/// differs between them; each type's words are made once, since journal rows write several per signal.
/// </summary>
public static class WireName
{
    public static string Of<T>(T value)
        where T : struct, Enum =>
        Words<T>.ByValue.TryGetValue(value, out var word) ? word : JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static class Words<T>
        where T : struct, Enum
    {
        // Undefined values (a cast integer) fall through to the conversion above, as System.Text.Json would write them.
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().Distinct()
            .ToFrozenDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()));
    }
}
