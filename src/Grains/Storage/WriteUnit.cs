using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Statements that are stored together or not at all: one savepoint inside a shared commit of the
/// <see cref="GroupCommitWriter"/>. Built without a connection; the writer runs them on its own.
/// </summary>
public sealed class WriteUnit
{
    // Each a BoundStatement (values bound straight onto the writer's statement) or a SqliteCommand (Orleans' providers).
    private readonly List<object> _statements = [];

    internal IReadOnlyList<object> Statements => _statements;

    public bool IsEmpty => _statements.Count == 0;

    public WriteUnit Add(string sql, params (string Name, object? Value)[] parameters)
    {
        var statement = new BoundStatement(sql, parameters);
        _statements.Add(Array.TrueForAll(parameters, p => BoundStatement.CanBindDirectly(p.Value)) ? statement : statement.ToCommand());
        return this;
    }

    internal static WriteUnit Of(SqliteCommand command)
    {
        var unit = new WriteUnit();
        unit._statements.Add(command);
        return unit;
    }
}
