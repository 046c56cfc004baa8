using System.Text.Json;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The database files this machine's silos created, by full path, with their identity. Kept outside their folder
/// (deleting the folder must not delete the memory of it), so a start on a path that held a database and finds
/// nothing refuses instead of creating an empty one.
/// </summary>
public sealed class KnownDatabases(string registryPath)
{
    public sealed record Entry(string DatabaseId, DateTimeOffset CreatedAt);

    public static string DefaultPath()
    {
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "orleans-trading", "known-databases.json");
    }

    public string RegistryPath => registryPath;

    public Entry? Find(string databasePath) => Read().GetValueOrDefault(databasePath);

    public void Remember(string databasePath, Entry entry)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(registryPath))!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Exclusive while read-modify-write, so two silos starting at once do not drop each other's entry.
                using var stream = new FileStream(registryPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var entries = stream.Length == 0
                    ? new Dictionary<string, Entry>(StringComparer.Ordinal)
                    : JsonSerializer.Deserialize<Dictionary<string, Entry>>(stream) ?? new(StringComparer.Ordinal);
                if (entries.TryGetValue(databasePath, out var known) && known == entry)
                {
                    return;
                }

                entries[databasePath] = entry;
                stream.SetLength(0);
                JsonSerializer.Serialize(stream, entries, new JsonSerializerOptions { WriteIndented = true });
                return;
            }
            catch (IOException) when (attempt < 40)
            {
                Thread.Sleep(50);
            }
        }
    }

    private Dictionary<string, Entry> Read()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(registryPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                return stream.Length == 0
                    ? new(StringComparer.Ordinal)
                    : JsonSerializer.Deserialize<Dictionary<string, Entry>>(stream) ?? new(StringComparer.Ordinal);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return new(StringComparer.Ordinal);
            }
            catch (IOException) when (attempt < 40)
            {
                // Another silo is writing the registry right now (it holds it exclusively for a moment).
                Thread.Sleep(50);
            }
        }
    }
}
