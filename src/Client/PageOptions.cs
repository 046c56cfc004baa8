using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OrleansTrading.Client;

/// <summary>
/// <c>--offset</c> and <c>--limit</c> of the newest-first journal listings, with the HTTP API's defaults and bounds
/// (offset 0, limit 50, at most <see cref="ArgumentChecks.MaxPageLimit"/>).
/// </summary>
public sealed class PageOptions
{
    public const int DefaultOffset = 0;
    public const int DefaultLimit = 50;

    public Option<int> Offset { get; } = WholeNumber("--offset", "How many of the newest entries to skip (not negative).", DefaultOffset);

    public Option<int> Limit { get; } = WholeNumber("--limit", $"How many entries to show (1-{ArgumentChecks.MaxPageLimit}).", DefaultLimit);

    public void AddTo(Command command)
    {
        command.Add(Offset);
        command.Add(Limit);
    }

    /// <summary>The offset and limit, checked: out-of-range values are reported before anything is sent.</summary>
    public (int Offset, int Limit) Read(ParseResult parse, ArgumentChecks checks) =>
        (checks.Offset(parse.GetValue(Offset)), checks.Limit(parse.GetValue(Limit)));

    private static Option<int> WholeNumber(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(name, result, defaultValue),
    };

    private static int Parse(string name, ArgumentResult result, int defaultValue)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{name} '{text}' is not a whole number, e.g. {defaultValue.ToString(CultureInfo.InvariantCulture)}.");
        return defaultValue;
    }
}
