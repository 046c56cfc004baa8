using System.Text.RegularExpressions;

namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>A required variable (<c>${NAME:?message}</c>) that is unset or empty: Compose refuses the file with the message.</summary>
public sealed class MissingVariableException(string name, string message) : Exception($"{name}: {message}")
{
    public string Name { get; } = name;
}

/// <summary>
/// Compose's variable substitution in values: <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-default}</c> (unset or empty),
/// <c>${NAME-default}</c> (unset), <c>${NAME:?message}</c> / <c>${NAME?message}</c> (required), and <c>$$</c> for a literal $.
/// </summary>
public static partial class ComposeInterpolation
{
    public static string Apply(string value, IReadOnlyDictionary<string, string> variables) =>
        Reference().Replace(value, match =>
        {
            if (match.Value == "$$")
            {
                return "$";
            }

            var name = match.Groups["name"].Success ? match.Groups["name"].Value : match.Groups["bare"].Value;
            var set = variables.TryGetValue(name, out var current);
            var empty = !set || string.IsNullOrEmpty(current);
            var operation = match.Groups["op"].Value;
            var argument = match.Groups["arg"].Value;
            return operation switch
            {
                ":-" => empty ? argument : current!,
                "-" => set ? current! : argument,
                ":?" when empty => throw new MissingVariableException(name, argument),
                "?" when !set => throw new MissingVariableException(name, argument),
                "" or ":?" or "?" => current ?? "",
                _ => throw new InvalidDataException($"unsupported substitution {match.Value}"),
            };
        });

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|-|:\?|\?)(?<arg>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();
}
