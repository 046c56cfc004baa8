using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// One statement of a <see cref="WriteUnit"/> with its parameter values, not yet a command: the writer binds the values
/// straight onto its kept statement (<see cref="RawStatement"/>), so a write costs no command, parameter or binder objects.
/// Values of other types than <see cref="CanBindDirectly"/> accepts go through a <see cref="SqliteCommand"/> instead.
/// </summary>
public sealed record BoundStatement(string Sql, (string Name, object? Value)[] Parameters)
{
    /// <summary>
    /// Whether <paramref name="value"/> is stored exactly as Microsoft.Data.Sqlite would store it when bound directly:
    /// null, text, integers, booleans (0/1), doubles and blobs. Decimals, times and the rest keep Microsoft.Data.Sqlite's
    /// own conversions.
    /// </summary>
    public static bool CanBindDirectly(object? value) => value is null or DBNull or string or long or int or short or byte or bool
        or double or byte[];

    /// <summary>The statement as a command, for the writer's fallback path.</summary>
    public SqliteCommand ToCommand()
    {
        var command = new SqliteCommand(Sql);
        foreach (var (name, value) in Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
