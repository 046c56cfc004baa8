using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// A SQLite connection that holds the process-wide gate from open to close, and never returns to the pool
/// inside a transaction (a pooled connection stuck in a failed transaction would fail every later write).
/// </summary>
internal sealed class GatedSqliteConnection : SqliteConnection
{
    private readonly SemaphoreSlim _gate;
    private readonly string _pragmas;
    private readonly DatabaseStatus _status;
    private bool _holdsGate;

    public GatedSqliteConnection(string connectionString, SemaphoreSlim gate, string pragmas, DatabaseStatus status)
        : base(connectionString)
    {
        _gate = gate;
        _pragmas = pragmas;
        _status = status;
    }

    public override void Open()
    {
        _status.ThrowIfUnavailable();
        _gate.Wait();
        _holdsGate = true;
        OpenHoldingGate();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        _status.ThrowIfUnavailable();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _holdsGate = true;
        OpenHoldingGate();
    }

    public override void Close()
    {
        try
        {
            RollBackAbandonedTransaction();
            base.Close();
        }
        finally
        {
            ReleaseGate();
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            if (disposing && State == System.Data.ConnectionState.Open)
            {
                RollBackAbandonedTransaction();
            }

            base.Dispose(disposing);
        }
        finally
        {
            ReleaseGate();
        }
    }

    private void OpenHoldingGate()
    {
        try
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }
        catch
        {
            base.Close();
            ReleaseGate();
            throw;
        }
    }

    private void RollBackAbandonedTransaction()
    {
        if (State != System.Data.ConnectionState.Open || Handle is null || raw.sqlite3_get_autocommit(Handle) != 0)
        {
            return;
        }

        using var command = CreateCommand();
        command.CommandText = "ROLLBACK;";
        command.ExecuteNonQuery();
    }

    private void ReleaseGate()
    {
        if (_holdsGate)
        {
            _holdsGate = false;
            _gate.Release();
        }
    }
}
