using Microsoft.Data.Sqlite;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;

namespace OrleansTrading.Grains.Tests.Storage;

/// <summary>The writer's statement cache: one compiled command per SQL text, parameters lent for one execution only.</summary>
public sealed class PreparedStatementsTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly SqliteConnection _connection;
    private readonly PreparedStatements _statements;

    public PreparedStatementsTests()
    {
        _connection = new SqliteConnection(_database.ConnectionString);
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);";
        create.ExecuteNonQuery();
        _statements = new PreparedStatements(_connection);
    }

    private static SqliteCommand Insert(string id, int value)
    {
        var command = new SqliteCommand("INSERT INTO item (id, value) VALUES ($id, $value);");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$value", value);
        return command;
    }

    private void Run(SqliteCommand incoming, SqliteTransaction transaction)
    {
        using var lease = _statements.Take(incoming, transaction);
        lease.Command.ExecuteNonQuery();
    }

    private List<(string Id, long Value)> Rows()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, value FROM item ORDER BY id;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    [Fact]
    public void The_same_sql_runs_on_one_kept_command_with_each_callers_own_values()
    {
        using var transaction = _connection.BeginTransaction();
        SqliteCommand first, second;
        using (var lease = _statements.Take(Insert("a", 1), transaction))
        {
            first = lease.Command;
            lease.Command.ExecuteNonQuery();
        }

        using (var lease = _statements.Take(Insert("b", 2), transaction))
        {
            second = lease.Command;
            Assert.Equal(2, lease.Command.Parameters.Count); // only this caller's values, not the last one's too
            lease.Command.ExecuteNonQuery();
        }

        transaction.Commit();
        Assert.Same(first, second);
        Assert.Empty(first.Parameters); // no caller's value stays referenced after its execution
        Assert.Equal(1, _statements.Count);
        Assert.Equal([("a", 1L), ("b", 2L)], Rows());
    }

    [Fact]
    public void A_statement_that_failed_is_compiled_afresh_and_runs_next_time()
    {
        using var transaction = _connection.BeginTransaction();
        Run(Insert("a", 1), transaction);
        using (var lease = _statements.Take(Insert("a", 2), transaction))
        {
            Assert.Throws<SqliteException>(() => lease.Command.ExecuteNonQuery());
            _statements.Forget(lease.Command.CommandText);
        }

        Assert.Equal(0, _statements.Count);
        Run(Insert("b", 3), transaction);
        transaction.Commit();
        Assert.Equal([("a", 1L), ("b", 3L)], Rows());
    }

    [Fact]
    public void Texts_beyond_the_capacity_run_as_they_came_without_growing_the_cache()
    {
        using var transaction = _connection.BeginTransaction();
        for (var i = 0; i < PreparedStatements.Capacity + 3; i++)
        {
            // A distinct text each time (the literal differs): the cache keeps the first Capacity of them only.
            var command = new SqliteCommand($"INSERT INTO item (id, value) VALUES ($id, {i});");
            command.Parameters.AddWithValue("$id", $"k{i:0000}");
            Run(command, transaction);
            Assert.Null(command.Connection); // a command that ran as it came is handed back detached
        }

        transaction.Commit();
        Assert.Equal(PreparedStatements.Capacity, _statements.Count);
        Assert.Equal(PreparedStatements.Capacity + 3, Rows().Count);
    }

    public void Dispose()
    {
        _statements.Dispose();
        _connection.Dispose();
        _database.Dispose();
    }
}
