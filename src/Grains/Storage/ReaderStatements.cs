using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Reader connections kept open with their compiled statements, for the lookups every signal makes (has this signal id
/// been decided? has the venue archived this order?). A fresh command on a pooled connection parses its SQL again on
/// every call; these are parsed once per connection. Each query is its own read transaction (the statement is reset
/// when its rows are read), so it sees every committed write and never holds back a checkpoint. Thread-safe: a
/// connection serves one query at a time.
/// </summary>
public sealed class ReaderStatements(string readerConnectionString, DatabaseStatus status) : IDisposable
{
    /// <summary>Idle connections kept at most; more than this many concurrent readers open and close their own.</summary>
    public const int MaxIdle = 8;

    private readonly ConcurrentBag<Reader> _idle = [];
    private volatile bool _disposed;

    /// <summary>The rows of <paramref name="sql"/> (one statement) with <paramref name="parameters"/>, as SQLite types them.</summary>
    public IReadOnlyList<object?[]> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        status.ThrowIfUnavailable();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = _idle.TryTake(out var idle) ? idle : Reader.Open(readerConnectionString);
        try
        {
            var rows = reader.Query(sql, parameters);
            Return(reader);
            return rows;
        }
        catch
        {
            // Its statements may be mid-way: a fresh connection serves the next query.
            reader.Dispose();
            throw;
        }
    }

    private void Return(Reader reader)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            reader.Dispose();
            return;
        }

        _idle.Add(reader);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);

        private Reader(SqliteConnection connection) => _connection = connection;

        public static Reader Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            return new Reader(connection);
        }

        public IReadOnlyList<object?[]> Query(string sql, (string Name, object? Value)[] parameters)
        {
            if (!_statements.TryGetValue(sql, out var statement))
            {
                statement = RawStatement.Prepare(_connection, sql)
                    ?? throw new ArgumentException("A kept reader query must be a single statement.", nameof(sql));
                _statements.Add(sql, statement);
            }

            statement.Bind(parameters);
            var sets = new List<BufferedResultSet>(1);
            statement.Run(sets);
            return sets.Count == 0 ? [] : sets[0].Rows;
        }

        public void Dispose()
        {
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }

            _connection.Dispose();
        }
    }
}
