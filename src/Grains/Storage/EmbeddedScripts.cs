namespace OrleansTrading.Grains.Storage;

/// <summary>The SQL scripts embedded in this assembly (see the csproj), by resource prefix, in name order.</summary>
internal static class EmbeddedScripts
{
    public static IEnumerable<(string Name, string Text)> Read(string prefix)
    {
        var assembly = typeof(EmbeddedScripts).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }
}
