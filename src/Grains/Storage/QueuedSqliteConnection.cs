using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// A connection that holds nothing while open (a <see cref="SqliteConnection"/> only because Orleans checks the type of its
/// provider's connections): its commands' writes go to the <see cref="GroupCommitWriter"/>, its reads to a
/// reader connection opened on first use and closed with it. Orleans' providers run one command per connection and no
/// transaction of their own; a write that needs several statements together is a <see cref="WriteUnit"/>.
/// </summary>
internal sealed class QueuedSqliteConnection(
    string connectionString,
    Lazy<GroupCommitWriter> writer,
    Func<CancellationToken, Task<SqliteConnection>> openReader,
    DatabaseStatus status) : SqliteConnection(connectionString)
{
    private ConnectionState _state = ConnectionState.Closed;
    private SqliteConnection? _reader;

    public override ConnectionState State => _state;

    internal GroupCommitWriter Writer => writer.Value;

    public override void Open()
    {
        status.ThrowIfUnavailable();
        _state = ConnectionState.Open;
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    public override void Close()
    {
        _reader?.Dispose();
        _reader = null;
        _state = ConnectionState.Closed;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    internal async Task<SqliteConnection> ReaderAsync(CancellationToken cancellationToken) =>
        _reader ??= await openReader(cancellationToken).ConfigureAwait(false);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        throw new NotSupportedException("Writes that belong together are one WriteUnit of the GroupCommitWriter, not a transaction of a connection.");

    protected override DbCommand CreateDbCommand() => new QueuedSqliteCommand(this);
}
