using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Telemetry;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The engine's SQLite database: one file, one writer (<see cref="GroupCommitWriter"/>) shared by grain storage,
/// reminders, the journal and every other table, reads on WAL reader connections that never wait for it, and the
/// schema scripts from <c>sql/</c> applied idempotently before anything else touches it.
/// </summary>
public sealed partial class SqliteDatabase : IDisposable
{
    private const string ScriptPrefix = "OrleansTrading.Sql.";
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly object _schemaLock = new();
    private readonly StorageOptions _storage;
    private bool _schemaApplied;
    private DatabaseFileLock? _fileLock;

    /// <param name="meters">When given (the silo's), the writer's commits are observable as <c>trading.storage.*</c>.</param>
    public SqliteDatabase(IOptions<TradingOptions> options, ILogger<SqliteDatabase> logger, IMeterFactory? meters = null)
    {
        _logger = logger;
        var storage = _storage = options.Value.Storage;
        var builder = new SqliteConnectionStringBuilder(storage.ConnectionString)
        {
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout expires.
            DefaultTimeout = (int)Math.Ceiling(storage.BusyTimeout.TotalSeconds),
        };
        ConnectionString = builder.ToString();
        FilePath = builder.DataSource;
        _pragmas = $"PRAGMA synchronous={storage.Synchronous.ToUpperInvariant()}; PRAGMA busy_timeout={(int)storage.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON;";
        _readerConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        _writer = new Lazy<GroupCommitWriter>(() =>
            new GroupCommitWriter(ConnectionString, storage.Synchronous, storage.BusyTimeout, Status, logger));
        DataSource = new QueuedSqliteDataSource(ConnectionString, _writer, OpenReaderAsync, Status);
        Lookups = new ReaderStatements(_readerConnectionString, Status);
        if (meters is not null)
        {
            ObserveCommits(meters.Create(TradingMetrics.MeterName));
        }
    }

    /// <summary>Read from the writer's own counters when a listener asks: nothing on the write path.</summary>
    private void ObserveCommits(Meter meter)
    {
        meter.CreateObservableCounter("trading.storage.commits", () => _writer.IsValueCreated ? _writer.Value.Commits : 0L, "{commit}",
            "Transactions the SQLite group-commit writer committed (one fsync each under synchronous=FULL).");
        meter.CreateObservableCounter("trading.storage.writes", () => _writer.IsValueCreated ? _writer.Value.Units : 0L, "{write}",
            "Logical writes (grain state, journal and archive batches) those commits carried: writes per commit is the batching.");
    }

    /// <summary>The signal path's lookups: reader connections kept open with their statements compiled once.</summary>
    public ReaderStatements Lookups { get; }

    private readonly string _readerConnectionString;
    private readonly string _pragmas;
    private readonly Lazy<GroupCommitWriter> _writer;

    /// <summary>
    /// A read-only connection outside the writer. In WAL mode readers never wait for the writer, so a lookup on
    /// the signal path (has this signal id been decided?) or a history page never queues behind writes; it sees
    /// every committed write, so everything acknowledged.
    /// </summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken = default)
    {
        Status.ThrowIfUnavailable();
        var connection = new SqliteConnection(_readerConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Every write goes through it (group commit); created at the first write, after the schema.</summary>
    public GroupCommitWriter Writer => _writer.Value;

    public string ConnectionString { get; }

    public string FilePath { get; }

    /// <summary>For Orleans' ADO.NET providers: writes through <see cref="Writer"/>, reads on reader connections.</summary>
    public QueuedSqliteDataSource DataSource { get; }

    /// <summary>Whether the file is still the one opened; every connection checks it before opening.</summary>
    public DatabaseStatus Status { get; } = new();

    /// <summary>The identity stored in the file (<c>engine_database</c>); null until the schema is applied.</summary>
    public string? DatabaseId { get; private set; }

    public bool IsInMemory => FilePath == ":memory:";

    /// <summary>
    /// Takes the file's exclusive lock, refuses a path that held a database which is now gone, creates the file and
    /// its folder if needed, switches to WAL and applies every script, once per process.
    /// </summary>
    public void EnsureSchema()
    {
        lock (_schemaLock)
        {
            if (_schemaApplied)
            {
                return;
            }

            var fullPath = IsInMemory ? FilePath : Path.GetFullPath(FilePath);
            var known = IsInMemory ? null : new KnownDatabases(_storage.KnownDatabasesFile ?? KnownDatabases.DefaultPath());
            var existed = !IsInMemory && File.Exists(fullPath);
            _fileLock = DatabasePreflight.Check(_storage);

            // Before the writer starts: the schema has the file to itself.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = _pragmas;
                pragmas.ExecuteNonQuery();
            }

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
            var (databaseId, createdAt) = EnsureIdentity(connection);
            DatabaseId = databaseId;
            if (known is not null)
            {
                known.Remember(fullPath, new KnownDatabases.Entry(databaseId, createdAt));
            }

            if (existed)
            {
                LogDatabaseOpened(fullPath, databaseId, CountAccounts(connection));
            }
            else
            {
                LogDatabaseCreated(fullPath, databaseId);
            }

            _schemaApplied = true;
        }
    }

    private static (string Id, DateTimeOffset CreatedAt) EnsureIdentity(System.Data.Common.DbConnection connection)
    {
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO engine_database (singleton, database_id, created_at) VALUES (1, $id, $at);";
            var id = insert.CreateParameter();
            id.ParameterName = "$id";
            id.Value = Guid.NewGuid().ToString("N");
            insert.Parameters.Add(id);
            var at = insert.CreateParameter();
            at.ParameterName = "$at";
            at.Value = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            insert.Parameters.Add(at);
            insert.ExecuteNonQuery();
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT database_id, created_at FROM engine_database WHERE singleton = 1;";
        using var reader = read.ExecuteReader();
        reader.Read();
        return (reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long CountAccounts(System.Data.Common.DbConnection connection)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM OrleansStorage WHERE GrainTypeString = 'account';";
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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

    private static IEnumerable<(string Name, string Text)> Scripts() => EmbeddedScripts.Read(ScriptPrefix);

    public void Dispose()
    {
        Lookups.Dispose();
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }

        _fileLock?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created a new database {DatabaseFile} (id {DatabaseId})")]
    private partial void LogDatabaseCreated(string databaseFile, string databaseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened database {DatabaseFile} (id {DatabaseId}) with {Accounts} accounts")]
    private partial void LogDatabaseOpened(string databaseFile, string databaseId, long accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Added column {Table}.{Column} to {DatabaseFile} (created by an older version)")]
    private partial void LogColumnAdded(string table, string column, string databaseFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied SQL script {Script} to {DatabaseFile}")]
    private partial void LogScriptApplied(string script, string databaseFile);
}
