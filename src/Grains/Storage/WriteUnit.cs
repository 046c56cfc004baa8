using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Statements that are stored together or not at all: one savepoint inside a shared commit of the
/// <see cref="GroupCommitWriter"/>. Built without a connection; the writer runs them on its own.
/// </summary>
public sealed class WriteUnit
{
    private readonly List<SqliteCommand> _commands = [];

    public IReadOnlyList<SqliteCommand> Commands => _commands;

    public bool IsEmpty => _commands.Count == 0;

    public WriteUnit Add(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new SqliteCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        _commands.Add(command);
        return this;
    }

    internal static WriteUnit Of(SqliteCommand command)
    {
        var unit = new WriteUnit();
        unit._commands.Add(command);
        return unit;
    }
}
