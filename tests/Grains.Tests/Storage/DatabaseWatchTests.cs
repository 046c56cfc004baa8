using Microsoft.Data.Sqlite;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;

namespace OrleansTrading.Grains.Tests.Storage;

/// <summary>The watch's verdict on a database file: the one opened, deleted, or replaced by another database.</summary>
public sealed class DatabaseWatchTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public void The_file_the_silo_opened_is_fine()
    {
        WriteIdentity("id-1");
        Assert.Null(DatabaseWatch.Check(_database.FilePath, "id-1"));
    }

    [Fact]
    public void A_deleted_file_is_reported_by_path()
    {
        var problem = DatabaseWatch.Check(_database.FilePath, "id-1");
        Assert.Contains($"The database file {_database.FilePath} was deleted", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_replaced_by_another_database_is_reported_with_both_identities()
    {
        WriteIdentity("someone-elses");
        var problem = DatabaseWatch.Check(_database.FilePath, "id-1");
        Assert.Contains("was replaced by another database (id someone-elses, expected id-1)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_of_ours_is_reported()
    {
        File.WriteAllText(_database.FilePath, "not a database");
        Assert.NotNull(DatabaseWatch.Check(_database.FilePath, "id-1"));
    }

    private void WriteIdentity(string id)
    {
        using var connection = new SqliteConnection($"Data Source={_database.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE engine_database (singleton INTEGER PRIMARY KEY, database_id TEXT NOT NULL, created_at TEXT NOT NULL);
            INSERT INTO engine_database VALUES (1, $id, '2026-01-01T00:00:00Z');
            """;
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _database.Dispose();
}
