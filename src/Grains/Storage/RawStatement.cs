using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// One compiled statement of the writer's connection, bound and stepped through SQLite's own API. Microsoft.Data.Sqlite
/// creates a binder per parameter and a reader per execution; the writer runs ~100 parameters per signal, so those
/// objects were a quarter of what the process allocated under load. Values are bound as Microsoft.Data.Sqlite binds
/// them (text as text, integers and booleans as integers, blobs as blobs), so the stored rows are the same.
/// Not thread-safe: only the writer's thread uses it.
/// </summary>
public sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly string?[] _names;
    private readonly int[] _boundIn;
    private int _execution;

    private RawStatement(sqlite3 db, sqlite3_stmt stmt)
    {
        _db = db;
        _stmt = stmt;
        var count = raw.sqlite3_bind_parameter_count(stmt);
        _names = new string?[count + 1];
        _boundIn = new int[count + 1];
        for (var i = 1; i <= count; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(stmt, i).utf8_to_string();
            _names[i] = name;
            if (name is { Length: > 1 })
            {
                // Microsoft.Data.Sqlite matches "$id" and "id" alike: so does this.
                _indexes.TryAdd(name, i);
                _indexes.TryAdd(name[1..], i);
            }
        }
    }

    /// <summary>The compiled statement, or null when <paramref name="sql"/> holds more than one statement (a command runs those).</summary>
    public static RawStatement? Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt, out string tail);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        if (stmt is null || stmt.IsInvalid || !string.IsNullOrWhiteSpace(tail))
        {
            stmt?.Dispose();
            return null;
        }

        return new RawStatement(db, stmt);
    }

    /// <summary>Whether every parameter of <paramref name="parameters"/> can be bound directly with the same stored result.</summary>
    public static bool CanBind(SqliteParameterCollection parameters)
    {
        foreach (SqliteParameter parameter in parameters)
        {
            var value = parameter.Value;
            if (!BoundStatement.CanBindDirectly(value) || !SameType(parameter.SqliteType, value))
            {
                return false;
            }

            // A size truncates text and blobs: Microsoft.Data.Sqlite's business.
            var length = value switch { string s => s.Length, byte[] b => b.Length, _ => 0 };
            if (parameter.Size > 0 && length > parameter.Size)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameType(SqliteType type, object? value) => value switch
    {
        null or DBNull => true,
        string => type == SqliteType.Text,
        byte[] => type == SqliteType.Blob,
        double => type == SqliteType.Real,
        _ => type == SqliteType.Integer,
    };

    public void Bind((string Name, object? Value)[] parameters)
    {
        _execution++;
        foreach (var (name, value) in parameters)
        {
            BindOne(name, value);
        }

        EnsureAllBound();
    }

    /// <summary>Binds a command's parameters; call <see cref="CanBind"/> first.</summary>
    public void Bind(SqliteParameterCollection parameters)
    {
        _execution++;
        foreach (SqliteParameter parameter in parameters)
        {
            BindOne(parameter.ParameterName, parameter.Value);
        }

        EnsureAllBound();
    }

    private void BindOne(string name, object? value)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            return; // a value the statement does not use, as Microsoft.Data.Sqlite ignores it
        }

        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_stmt, index),
            string text => raw.sqlite3_bind_text16(_stmt, index, text.AsSpan()),
            long number => raw.sqlite3_bind_int64(_stmt, index, number),
            int number => raw.sqlite3_bind_int64(_stmt, index, number),
            short number => raw.sqlite3_bind_int64(_stmt, index, number),
            byte number => raw.sqlite3_bind_int64(_stmt, index, number),
            bool flag => raw.sqlite3_bind_int64(_stmt, index, flag ? 1 : 0),
            double real => raw.sqlite3_bind_double(_stmt, index, real),
            byte[] blob => raw.sqlite3_bind_blob(_stmt, index, blob.AsSpan()),
            _ => throw new ArgumentException($"{value.GetType().Name} cannot be bound directly.", nameof(value)),
        };
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        _boundIn[index] = _execution;
    }

    private void EnsureAllBound()
    {
        List<string>? missing = null;
        for (var i = 1; i < _names.Length; i++)
        {
            if (_boundIn[i] != _execution)
            {
                (missing ??= []).Add(_names[i] ?? $"?{i}");
            }
        }

        if (missing is not null)
        {
            Reset();
            throw new InvalidOperationException($"Must add values for the following parameters: {string.Join(", ", missing)}");
        }
    }

    /// <summary>
    /// Runs the bound statement to its end; with <paramref name="sets"/>, its rows are added there as one result set.
    /// Returns the rows it changed (0 for a statement that only reads).
    /// </summary>
    public int Run(List<BufferedResultSet>? sets)
    {
        try
        {
            var columns = sets is null ? 0 : raw.sqlite3_column_count(_stmt);
            List<object?[]>? rows = columns > 0 ? [] : null;
            var types = columns > 0 ? new Type[columns] : null;
            int rc;
            while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW)
            {
                if (rows is not null)
                {
                    rows.Add(ReadRow(columns, types!));
                }
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            if (rows is not null)
            {
                var names = new string[columns];
                for (var i = 0; i < columns; i++)
                {
                    names[i] = raw.sqlite3_column_name(_stmt, i).utf8_to_string();
                    types![i] ??= typeof(object);
                }

                sets!.Add(new BufferedResultSet(names, types!, rows));
            }

            return raw.sqlite3_stmt_readonly(_stmt) != 0 ? 0 : raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    private object?[] ReadRow(int columns, Type[] types)
    {
        var row = new object?[columns];
        for (var i = 0; i < columns; i++)
        {
            object value = raw.sqlite3_column_type(_stmt, i) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_stmt, i),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(_stmt, i),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(_stmt, i).utf8_to_string(),
                raw.SQLITE_BLOB => raw.sqlite3_column_blob(_stmt, i).ToArray(),
                _ => DBNull.Value,
            };
            row[i] = value;
            if (value is not DBNull)
            {
                types[i] = value.GetType();
            }
        }

        return row;
    }

    private void Reset()
    {
        // The step's own error was already thrown; reset only reports it again.
        raw.sqlite3_reset(_stmt);
        raw.sqlite3_clear_bindings(_stmt);
    }

    public void Dispose() => _stmt.Dispose();
}
