using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// A command of a <see cref="QueuedSqliteConnection"/>: a statement that only reads (it starts with SELECT) runs at once
/// on the connection's reader; anything else is queued as one <see cref="WriteUnit"/> and answered after its commit,
/// its results read back from a buffer.
/// </summary>
internal sealed class QueuedSqliteCommand(QueuedSqliteConnection connection) : DbCommand
{
    private readonly SqliteCommand _inner = new();

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText
    {
        get => _inner.CommandText;
        set => _inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => _inner.CommandTimeout;
        set => _inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("SQLite runs text commands only.");
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set => throw new NotSupportedException("A queued command belongs to the connection that created it.");
    }

    protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    /// <summary>Whether the statement only reads: then it need not wait for a commit, nor take a place in one.</summary>
    internal static bool IsRead(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        if (!text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var verb in (ReadOnlySpan<string>)["INSERT", "UPDATE", "DELETE", "REPLACE"])
        {
            if (text.Contains(verb, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public override void Cancel()
    {
        // A queued write cannot be taken back once it may share a commit; a read is short.
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        ExecuteDbDataReaderAsync(behavior, CancellationToken.None).GetAwaiter().GetResult();

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        if (IsRead(_inner.CommandText))
        {
            _inner.Connection = await connection.ReaderAsync(cancellationToken).ConfigureAwait(false);
            return await _inner.ExecuteReaderAsync(behavior & ~CommandBehavior.CloseConnection, cancellationToken).ConfigureAwait(false);
        }

        var results = await connection.Writer.WriteAsync(WriteUnit.Of(_inner), readResults: true).ConfigureAwait(false);
        return new BufferedDataReader(results);
    }

    public override int ExecuteNonQuery() => ExecuteNonQueryAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await using var reader = await ExecuteDbDataReaderAsync(CommandBehavior.Default, cancellationToken).ConfigureAwait(false);
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        return reader.RecordsAffected;
    }

    public override object? ExecuteScalar() => ExecuteScalarAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        await using var reader = await ExecuteDbDataReaderAsync(CommandBehavior.Default, cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetValue(0) : null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
