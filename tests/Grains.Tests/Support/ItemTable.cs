using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>
/// A WAL file with one table of ids and values for the writer's tests: inserts into it, an outside transaction holding
/// the write lock (writes queue up behind it as they do under load), and the ids that ended up stored.
/// </summary>
public sealed class ItemTable : IDisposable
{
    public ItemTable() =>
        Database.Execute("PRAGMA journal_mode=WAL; CREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);");

    public TempDatabase Database { get; } = new();

    /// <summary>A group commit writer of the file (the caller disposes it).</summary>
    public GroupCommitWriter NewWriter(string synchronous = "Normal") =>
        new(Database.ConnectionString, synchronous, TimeSpan.FromSeconds(30), new DatabaseStatus(), NullLogger.Instance);

    public static WriteUnit Insert(string id, int value) =>
        new WriteUnit().Add("INSERT INTO item (id, value) VALUES ($id, $value);", ("$id", id), ("$value", value));

    /// <summary>Holds the write lock until the returned connection rolls back (<see cref="Release"/>) or closes.</summary>
    public SqliteConnection HoldWriteLock()
    {
        var blocker = new SqliteConnection(Database.ConnectionString);
        blocker.Open();
        using var begin = blocker.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return blocker;
    }

    public static void Release(SqliteConnection blocker)
    {
        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        blocker.Dispose();
    }

    public List<string> StoredIds()
    {
        using var reader = new SqliteConnection(Database.ConnectionString);
        reader.Open();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT id FROM item ORDER BY id;";
        using var rows = command.ExecuteReader();
        var ids = new List<string>();
        while (rows.Read())
        {
            ids.Add(rows.GetString(0));
        }

        return ids;
    }

    public void Dispose() => Database.Dispose();
}
