namespace OrleansTrading.DemoMarket.Tests.Support;

/// <summary>A SQLite file in its own temp folder, deleted with the folder on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "orleans-trading-demo-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "trading.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizing connection: the OS temp cleaner will take it.
        }
    }
}
