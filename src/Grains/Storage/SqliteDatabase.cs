using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The engine's SQLite database: one file, one serialized data source shared by grain storage, reminders and
/// the journal, and the schema scripts from <c>sql/</c> applied idempotently before anything else touches it.
/// </summary>
public sealed partial class SqliteDatabase : IDisposable
{
    private const string ScriptPrefix = "OrleansTrading.Sql.";
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly object _schemaLock = new();
    private bool _schemaApplied;

    public SqliteDatabase(IOptions<TradingOptions> options, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        var storage = options.Value.Storage;
        var builder = new SqliteConnectionStringBuilder(storage.ConnectionString)
        {
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout expires.
            DefaultTimeout = (int)Math.Ceiling(storage.BusyTimeout.TotalSeconds),
        };
        ConnectionString = builder.ToString();
        FilePath = builder.DataSource;
        DataSource = new SerializedSqliteDataSource(ConnectionString, storage.Synchronous, storage.BusyTimeout);
        _readerConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
    }

    private readonly string _readerConnectionString;

    /// <summary>
    /// A read-only connection outside the write gate. In WAL mode readers never wait for the writer, so a lookup on
    /// the signal path (has this signal id been decided?) or a history page never queues behind writes. An in-memory
    /// database exists only on its one connection, so there reads take the gate like writes.
    /// </summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken = default)
    {
        if (FilePath == ":memory:")
        {
            return (SqliteConnection)await DataSource.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_readerConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public string ConnectionString { get; }

    public string FilePath { get; }

    public SerializedSqliteDataSource DataSource { get; }

    /// <summary>Creates the file and its folder if needed, switches to WAL, and applies every script once per process.</summary>
    public void EnsureSchema()
    {
        lock (_schemaLock)
        {
            if (_schemaApplied)
            {
                return;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(FilePath));
            if (!string.IsNullOrEmpty(directory) && FilePath != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = DataSource.OpenConnection();
            using (var wal = connection.CreateCommand())
            {
                // WAL is a property of the file: readers never block the writer, and it persists across opens.
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }

            foreach (var (name, text) in Scripts())
            {
                using var command = connection.CreateCommand();
                command.CommandText = text;
                command.ExecuteNonQuery();
                LogScriptApplied(name, FilePath);
            }

            // Columns added after a table first shipped: CREATE TABLE IF NOT EXISTS leaves older files without them.
            EnsureColumn(connection, "journal_order_events", "signal_id", "TEXT NULL");
            _schemaApplied = true;
        }
    }

    private void EnsureColumn(System.Data.Common.DbConnection connection, string table, string column, string definition)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}';";
        if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} {definition};";
        alter.ExecuteNonQuery();
        LogColumnAdded(table, column, FilePath);
    }

    private static IEnumerable<(string Name, string Text)> Scripts()
    {
        var assembly = typeof(SqliteDatabase).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ScriptPrefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[ScriptPrefix.Length..], reader.ReadToEnd());
        }
    }

    public void Dispose() => DataSource.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Added column {Table}.{Column} to {DatabaseFile} (created by an older version)")]
    private partial void LogColumnAdded(string table, string column, string databaseFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied SQL script {Script} to {DatabaseFile}")]
    private partial void LogScriptApplied(string script, string databaseFile);
}
