using System.Text.RegularExpressions;

namespace OrleansTrading.Deployment.Tests.Support;

/// <summary>
/// The root .dockerignore applied to paths of the build context, with the builder's rules: patterns are relative to
/// the context root (a leading slash means the same), <c>*</c> and <c>?</c> stay within one path segment, <c>**</c>
/// spans any number of segments, a matched directory excludes everything under it, and a later <c>!pattern</c>
/// includes again what an earlier one excluded.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load(string relativePath = ".dockerignore") =>
        Parse(File.ReadAllLines(Repository.PathOf(relativePath)));

    public static DockerIgnore Parse(IEnumerable<string> lines)
    {
        var rules = new List<(Regex, bool)>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var include = line.StartsWith('!');
            var pattern = (include ? line[1..] : line).Trim().Trim('/');
            rules.Add((new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant), include));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether the context path (forward slashes, relative to the root) is left out of the build context.</summary>
    public bool Excludes(string path)
    {
        path = path.Trim('/');
        var excluded = false;
        foreach (var (pattern, include) in _rules)
        {
            // The path itself or any directory above it.
            if (SelfAndParents(path).Any(pattern.IsMatch))
            {
                excluded = !include;
            }
        }

        return excluded;
    }

    private static IEnumerable<string> SelfAndParents(string path)
    {
        for (var p = path; p.Length > 0; p = p.Contains('/') ? p[..p.LastIndexOf('/')] : "")
        {
            yield return p;
        }
    }

    private static string ToRegex(string pattern)
    {
        var regex = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches zero or more whole segments; a trailing "**" matches everything below.
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return regex.ToString();
    }
}
