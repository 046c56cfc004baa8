using System.Data.Common;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The data source Orleans' ADO.NET providers (grain storage, reminders) are given: its connections send every write
/// to the <see cref="GroupCommitWriter"/> and run reads on a WAL reader connection of their own, so a read never
/// queues behind writes and a write is answered only once its shared commit is durable.
/// </summary>
public sealed class QueuedSqliteDataSource(string connectionString, Lazy<GroupCommitWriter> writer, Func<CancellationToken, Task<Microsoft.Data.Sqlite.SqliteConnection>> openReader, DatabaseStatus status)
    : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new QueuedSqliteConnection(connectionString, writer, openReader, status);
}
