using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>One instruction of a Dockerfile: its keyword (upper case), its arguments as written, and its line.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>The exec (JSON array) form's items, or null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm => Arguments.TrimStart().StartsWith('[')
        ? JsonSerializer.Deserialize<string[]>(Arguments)
        : null;

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}

/// <summary>One build stage: its FROM image (or an earlier stage's name), its own name, and its instructions.</summary>
public sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>The stage's ENV settings in order (a later one overrides an earlier one).</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in All("ENV"))
        {
            foreach (var (key, value) in Dockerfile.ParseAssignments(instruction.Arguments))
            {
                env[key] = value;
            }
        }

        return env;
    }
}

/// <summary>
/// A Dockerfile read the way the builder reads it: parser directives and comments skipped, backslash continuations
/// joined, instructions grouped into stages. Enough for our own checks (no engine or hadolint exists here).
/// </summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static Dockerfile Load(string relativePath)
    {
        var instructions = Parse(File.ReadAllLines(Repository.PathOf(relativePath)));
        var stages = new List<DockerStage>();
        string? image = null, name = null;
        var current = new List<DockerInstruction>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                if (image is not null)
                {
                    stages.Add(new DockerStage(image, name, current));
                }

                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                image = words[0];
                name = words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                current = [];
            }
            else if (image is null && instruction.Keyword != "ARG")
            {
                throw new InvalidDataException($"{relativePath}: {instruction} comes before the first FROM");
            }
            else
            {
                current.Add(instruction);
            }
        }

        if (image is null)
        {
            throw new InvalidDataException($"{relativePath} has no FROM");
        }

        stages.Add(new DockerStage(image, name, current));
        return new Dockerfile(relativePath, stages);
    }

    private static List<DockerInstruction> Parse(string[] lines)
    {
        var instructions = new List<DockerInstruction>();
        var text = new System.Text.StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || (text.Length == 0 && trimmed.Length == 0))
            {
                continue; // comments (parser directives included) and blank lines, also inside a continuation
            }

            if (text.Length == 0)
            {
                start = i + 1;
            }

            if (line.TrimEnd().EndsWith('\\'))
            {
                text.Append(line.TrimEnd()[..^1]).Append(' ');
                continue;
            }

            text.Append(line);
            var joined = text.ToString().Trim();
            text.Clear();
            var space = joined.IndexOfAny([' ', '\t']);
            instructions.Add(space < 0
                ? new DockerInstruction(joined.ToUpperInvariant(), "", start)
                : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim(), start));
        }

        return instructions;
    }

    /// <summary>ENV/ARG arguments: <c>KEY=value KEY2="quoted value"</c>, or the legacy <c>KEY value</c>.</summary>
    public static IEnumerable<(string Key, string Value)> ParseAssignments(string arguments)
    {
        if (!arguments.Split(' ', 2)[0].Contains('='))
        {
            var parts = arguments.Split(' ', 2, StringSplitOptions.TrimEntries);
            yield return (parts[0], parts.Length > 1 ? parts[1] : "");
            yield break;
        }

        foreach (Match match in Assignment().Matches(arguments))
        {
            var value = match.Groups["value"].Value;
            yield return (match.Groups["key"].Value, value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value);
        }
    }

    /// <summary>COPY/ADD arguments without their flags: the sources and the destination (shell or exec form).</summary>
    public static (IReadOnlyList<string> Sources, string Destination, IReadOnlyDictionary<string, string> Flags) ParseCopy(DockerInstruction instruction)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = instruction.ExecForm?.ToList() ?? [.. instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        while (words.Count > 0 && words[0].StartsWith("--", StringComparison.Ordinal))
        {
            var flag = words[0][2..].Split('=', 2);
            flags[flag[0]] = flag.Length > 1 ? flag[1] : "";
            words.RemoveAt(0);
        }

        return (words[..^1], words[^1], flags);
    }

    [GeneratedRegex("""(?<key>[A-Za-z_][A-Za-z0-9_.]*)=(?<value>"[^"]*"|\S*)""")]
    private static partial Regex Assignment();
}
