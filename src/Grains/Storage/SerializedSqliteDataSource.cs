using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// A data source whose connections take turns: at most one is open at a time in this process.
/// SQLite allows one writer per file; letting many grains race for that lock costs two orders of
/// magnitude in throughput (lock retries and sleeps, measured) and ties up Orleans scheduler threads.
/// Queuing on an async gate instead keeps writes back-to-back and never blocks a thread.
/// Orleans' ADO.NET providers accept a <see cref="DbDataSource"/>, so storage, reminders and our journal share this gate.
/// </summary>
public sealed class SerializedSqliteDataSource : DbDataSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly DatabaseStatus _status;
    private long _connections;

    public SerializedSqliteDataSource(string connectionString, string synchronous, TimeSpan busyTimeout, DatabaseStatus status)
    {
        _status = status;
        _connectionString = connectionString;
        _connectionPragmas = $"PRAGMA synchronous={synchronous.ToUpperInvariant()}; PRAGMA busy_timeout={(int)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON;";
    }

    public override string ConnectionString => _connectionString;

    /// <summary>Connections handed out so far: each is one turn at the gate, at most one commit (the bench counts them per signal).</summary>
    public long ConnectionsCreated => Interlocked.Read(ref _connections);

    protected override DbConnection CreateDbConnection()
    {
        Interlocked.Increment(ref _connections);
        return new GatedSqliteConnection(_connectionString, _gate, _connectionPragmas, _status);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
