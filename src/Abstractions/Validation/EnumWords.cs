namespace OrleansTrading.Abstractions.Validation;

/// <summary>
/// Reads an enum from the word a person or script wrote: a member name, case-insensitive, nothing else. Unlike
/// <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> it refuses numbers ("2", "+2") and flag combinations
/// ("buy,sell"), which would otherwise turn a typo into a different instruction.
/// </summary>
public static class EnumWords
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        var word = text?.Trim();
        if (!string.IsNullOrEmpty(word))
        {
            foreach (var candidate in Enum.GetValues<T>())
            {
                if (string.Equals(Enum.GetName(candidate), word, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>The words as the API spells them: "buy or sell", "active, reduceOnly or halted".</summary>
    public static string Describe<T>()
        where T : struct, Enum
    {
        var words = Enum.GetNames<T>().Select(Word).ToArray();
        return words.Length == 1 ? words[0] : $"{string.Join(", ", words[..^1])} or {words[^1]}";
    }

    /// <summary>The camelCase word of one member, as in JSON (<c>reduceOnly</c>).</summary>
    public static string Word<T>(T value)
        where T : struct, Enum => Word(Enum.GetName(value) ?? value.ToString());

    private static string Word(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
