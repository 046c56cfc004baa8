using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;

namespace OrleansTrading.Grains.Tests.Storage;

/// <summary>
/// The writer binds values straight onto its compiled statements instead of through Microsoft.Data.Sqlite's parameter
/// objects. What it stores must be exactly what Microsoft.Data.Sqlite would have stored, and every rule a command
/// enforced (all parameters given, one failing statement failing its write alone) still holds.
/// </summary>
public sealed class DirectBindingTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly GroupCommitWriter _writer;

    public DirectBindingTests()
    {
        _database.Execute("PRAGMA journal_mode=WAL; CREATE TABLE direct (id INTEGER PRIMARY KEY, v ANY); CREATE TABLE command (id INTEGER PRIMARY KEY, v ANY);");
        _writer = new GroupCommitWriter(_database.ConnectionString, "Normal", TimeSpan.FromSeconds(30), new DatabaseStatus(), NullLogger.Instance);
    }

    private void Run(string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private List<(string Type, string? Text)> Stored(string table)
    {
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT typeof(v), quote(v) FROM {table} ORDER BY id;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return rows;
    }

    public static TheoryData<object?> Values() => new()
    {
        "text", "ünïcødé ✓ 𝄞", "", 42, 42L, long.MinValue, (short)-7, (byte)255, true, false, 1.5d, -0.25d,
        new byte[] { 0, 1, 2, 255 }, Array.Empty<byte>(), null, DBNull.Value,
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_value_bound_directly_is_stored_exactly_as_a_command_stores_it(object? value)
    {
        await _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 1), ("$v", value)));
        Run("INSERT INTO command (id, v) VALUES ($id, $v);", ("$id", 1), ("$v", value));

        var stored = Assert.Single(Stored("direct"));
        Assert.Equal(Assert.Single(Stored("command")), stored);
    }

    [Fact]
    public async Task Values_of_other_types_keep_the_conversions_of_a_command()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.FromHours(-5));
        foreach (var (id, value) in new (int, object)[] { (1, 12.50m), (2, at), (3, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")) })
        {
            await _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", id), ("$v", value)));
            Run("INSERT INTO command (id, v) VALUES ($id, $v);", ("$id", id), ("$v", value));
        }

        Assert.Equal(Stored("command"), Stored("direct"));
        Assert.Equal(3, Stored("direct").Count);
    }

    [Fact]
    public async Task Names_match_with_or_without_their_prefix_and_unused_values_are_ignored()
    {
        await _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES (@id, :v);", ("id", 1), ("v", "x"), ("$unused", 9)));

        Assert.Equal([("text", "'x'")], Stored("direct"));
    }

    [Fact]
    public async Task A_missing_value_fails_the_write_naming_the_parameter_and_stores_nothing()
    {
        var write = _writer.WriteAsync(new WriteUnit()
            .Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 1), ("$v", "first"))
            .Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 2)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => write);
        Assert.Contains("$v", error.Message);
        Assert.Empty(Stored("direct"));

        // The statement is reusable afterwards: no value of the failed write is left bound on it.
        await _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 3), ("$v", "later")));
        Assert.Equal([("text", "'later'")], Stored("direct"));
    }

    [Fact]
    public async Task A_failing_statement_fails_its_own_write_only_and_the_statement_works_again()
    {
        await _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 1), ("$v", "one")));

        var duplicate = _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 1), ("$v", "again")));
        var other = _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 2), ("$v", "two")));

        var error = await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        await other;
        await _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES ($id, $v);", ("$id", 3), ("$v", "three")));
        Assert.Equal([("text", "'one'"), ("text", "'two'"), ("text", "'three'")], Stored("direct"));
    }

    [Fact]
    public async Task A_text_of_several_statements_runs_every_statement()
    {
        await _writer.WriteAsync(new WriteUnit().Add(
            "INSERT INTO direct (id, v) VALUES ($id, $v); INSERT INTO command (id, v) VALUES ($id, $v);", ("$id", 1), ("$v", 7)));

        Assert.Equal([("integer", "7")], Stored("direct"));
        Assert.Equal([("integer", "7")], Stored("command"));
    }

    [Fact]
    public async Task Returned_rows_and_changed_row_counts_are_read_back()
    {
        await _writer.WriteAsync(new WriteUnit().Add("INSERT INTO direct (id, v) VALUES (1, 'a'), (2, 'b');"));

        var results = await _writer.WriteAsync(
            new WriteUnit().Add("UPDATE direct SET v = v || '!' WHERE id >= $from RETURNING id, v, NULL AS empty;", ("$from", 1)),
            readResults: true);

        var set = Assert.Single(results.Sets);
        Assert.Equal(["id", "v", "empty"], set.Names);
        Assert.Equal([typeof(long), typeof(string), typeof(object)], set.Types);
        Assert.Equal([[1L, "a!", DBNull.Value], [2L, "b!", DBNull.Value]], set.Rows.OrderBy(r => (long)r[0]!));
        Assert.Equal(2, results.RecordsAffected);
    }

    public static TheoryData<string, object, SqliteType?, int> Parameters() => new()
    {
        { "text with a size", "abcdef", null, 3 },
        { "blob with a size", new byte[] { 1, 2, 3, 4 }, null, 2 },
        { "integer as text", 42, SqliteType.Text, 0 },
        { "text as integer", "42", SqliteType.Integer, 0 },
        { "integer as real", 42, SqliteType.Real, 0 },
        { "text as blob", "abc", SqliteType.Blob, 0 },
        { "real as integer", 2.5d, SqliteType.Integer, 0 },
    };

    /// <summary>Orleans' providers hand the writer commands whose parameters may carry a size or a type of their own.</summary>
    [Theory]
    [MemberData(nameof(Parameters))]
    public async Task A_command_parameter_with_a_size_or_type_of_its_own_is_stored_as_a_command_stores_it(
        string because, object value, SqliteType? type, int size)
    {
        SqliteCommand Command()
        {
            var command = new SqliteCommand("INSERT INTO direct (id, v) VALUES ($id, $v);");
            command.Parameters.AddWithValue("$id", 1);
            var parameter = command.Parameters.AddWithValue("$v", value);
            if (type is { } explicitType)
            {
                parameter.SqliteType = explicitType;
            }

            parameter.Size = size;
            return command;
        }

        using var queued = Command();
        await _writer.WriteAsync(WriteUnit.Of(queued));
        using var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        using var direct = Command();
        direct.CommandText = "INSERT INTO command (id, v) VALUES ($id, $v);";
        direct.Connection = connection;
        direct.ExecuteNonQuery();

        Assert.True(Stored("command").SequenceEqual(Stored("direct")), because);
        Assert.Single(Stored("direct"));
    }

    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }
}
