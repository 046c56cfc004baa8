namespace OrleansTrading.Grains.Tests.Support;

/// <summary>A SQLite file in its own temp folder, deleted with the folder on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "orleans-trading-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "trading.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    /// <summary>Runs set-up SQL (schema, journal mode) on a connection of its own.</summary>
    public void Execute(string sql) => Execute(FilePath, sql);

    /// <summary>Runs SQL on the file at <paramref name="path"/> on a connection of its own (beside a running silo: WAL).</summary>
    public static void Execute(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

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
