using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The writer's statements, one per SQL text, kept on its connection so SQLite parses each statement once instead of on
/// every write (Orleans' providers and our stores build a fresh command per call, and a command only keeps its compiled
/// statements for itself). A single statement is kept compiled as a <see cref="RawStatement"/> and its values are bound
/// onto it directly; a text of several statements is kept as a command that lends the incoming parameters for one
/// execution. Not thread-safe: only the writer's thread uses it, and it is dropped with the connection.
/// </summary>
public sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    /// <summary>Distinct SQL texts kept at most; texts beyond that (none are expected) run as they came.</summary>
    public const int Capacity = 512;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    // A null value marks a text of several statements: it runs as a kept command.
    private readonly Dictionary<string, RawStatement?> _statements = new(StringComparer.Ordinal);

    public int Count => _commands.Count + _statements.Count;

    /// <summary>The compiled statement for <paramref name="sql"/>; null for a text of several statements, or past <see cref="Capacity"/>.</summary>
    public RawStatement? Statement(string sql)
    {
        if (_statements.TryGetValue(sql, out var kept))
        {
            return kept;
        }

        if (Count >= Capacity)
        {
            return null;
        }

        kept = RawStatement.Prepare(connection, sql);
        _statements.Add(sql, kept);
        return kept;
    }

    /// <summary>The kept command for <paramref name="incoming"/>'s text, holding its parameters, in <paramref name="transaction"/>.</summary>
    public Lease Take(SqliteCommand incoming, SqliteTransaction transaction)
    {
        if (Kept(incoming.CommandText) is not { } kept)
        {
            incoming.Connection = connection;
            incoming.Transaction = transaction;
            return new Lease(incoming, Borrowed: false);
        }

        kept.Transaction = transaction;
        foreach (SqliteParameter parameter in incoming.Parameters)
        {
            kept.Parameters.Add(parameter);
        }

        return new Lease(kept, Borrowed: true);
    }

    /// <summary>
    /// Drops the kept command for <paramref name="sql"/> after it failed: its statements may have been left mid-way,
    /// and a fresh command costs only one parse.
    /// </summary>
    public void Forget(string sql)
    {
        if (_commands.Remove(sql, out var kept))
        {
            kept.Dispose();
        }

        if (_statements.Remove(sql, out var statement))
        {
            statement?.Dispose();
        }
    }

    /// <summary>Runs a statement without parameters (savepoints), parsed once.</summary>
    public void Execute(string sql, SqliteTransaction transaction)
    {
        try
        {
            if (Statement(sql) is { } statement)
            {
                statement.Bind([]);
                statement.Run(null);
                return;
            }

            using var command = new SqliteCommand(sql, connection, transaction);
            command.ExecuteNonQuery();
        }
        catch
        {
            Forget(sql);
            throw;
        }
    }

    /// <summary>The kept command for <paramref name="sql"/>, created on first use; null once <see cref="Capacity"/> texts are kept.</summary>
    private SqliteCommand? Kept(string sql)
    {
        if (_commands.TryGetValue(sql, out var kept))
        {
            return kept;
        }

        if (Count >= Capacity)
        {
            return null;
        }

        kept = connection.CreateCommand();
        kept.CommandText = sql;
        _commands.Add(sql, kept);
        return kept;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in _statements.Values)
        {
            statement?.Dispose();
        }

        _commands.Clear();
        _statements.Clear();
    }

    /// <summary>A command for one execution; disposing it hands the parameters back (kept) or detaches the command (as it came).</summary>
    public readonly record struct Lease(SqliteCommand Command, bool Borrowed) : IDisposable
    {
        public void Dispose()
        {
            if (Borrowed)
            {
                // Drop the references: parameter values can be whole grain states.
                Command.Parameters.Clear();
                Command.Transaction = null;
            }
            else
            {
                Command.Transaction = null;
                Command.Connection = null;
            }
        }
    }
}
