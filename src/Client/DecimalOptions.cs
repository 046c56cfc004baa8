using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OrleansTrading.Client;

/// <summary>
/// Decimal options parsed with the invariant culture: "100.05" means the same on every machine, whatever its locale.
/// </summary>
public static class DecimalOptions
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint |
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public static Option<decimal> Required(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result => Parse(name, result) ?? 0m,
    };

    public static Option<decimal?> Optional(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(name, result),
    };

    public static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out value);

    private static decimal? Parse(string name, ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"{name} '{text}' is not a number: use digits with '.' as the decimal point, e.g. 100.05.");
        return null;
    }
}
