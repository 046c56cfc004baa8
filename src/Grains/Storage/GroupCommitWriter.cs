using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// The one writer of the database file: group commit. Every write of the process (grain state, reminders, the
/// journal, the venue archive, the directories) is queued here as a <see cref="WriteUnit"/>; one thread runs the
/// queued units back to back inside one transaction, each in a savepoint of its own (a failing unit is rolled back
/// alone and fails alone), and commits when the queue is empty or the batch is full. A caller is answered only after
/// the shared COMMIT returned, so with <c>synchronous=FULL</c> one fsync covers the whole batch instead of one per write,
/// and no write ever waits for another caller's thread to be scheduled (the old per-connection gate did).
/// Reads do not come here: WAL readers use their own connections (<see cref="SqliteDatabase.OpenReaderAsync"/>).
/// </summary>
public sealed partial class GroupCommitWriter : IDisposable
{
    /// <summary>Units per commit at most: bounds the time the first caller of a batch waits for the commit.</summary>
    public const int MaxBatch = 256;

    /// <summary>
    /// WAL pages (4 KB) at which the WAL restarts from the beginning of its file, instead of SQLite's 1,000: the same
    /// grain rows are rewritten many times between two checkpoints, and each checkpoint copies a row's page once, so
    /// fewer checkpoints copy fewer pages. Measured with the load generator (closed loop at NORMAL, interleaved):
    /// 1,080-1,187 accepted/s at 1,000 pages, 1,272-1,355 at 16,000. The copying itself runs beside the writer
    /// (<see cref="WalCheckpointer"/>), but the restart needs the writer's own last checkpoint, which syncs the files and
    /// holds every write for 5-26 ms: at 16,000 pages that came every 1.5 s at 500 signals/s (every 0.3 s in the closed
    /// loop) and put its stall into the open loop's p99 (3 interleaved pairs: p99 28/34/30 ms at 16,000, 27/26/22 ms at
    /// 64,000). The file grows to ~260-300 MB and stays that size.
    /// </summary>
    public const int WalRestartPages = 64_000;

    /// <summary>
    /// SQLite's own checkpoint on the writer's connection, after a commit that leaves this many frames in the WAL: only
    /// a fallback for when the background checkpoints fall behind or fail, so the WAL never grows without bound.
    /// </summary>
    public const int WalAutoCheckpointPages = 4 * WalRestartPages;

    private readonly ConcurrentQueue<PendingUnit> _queue = new();

    // No spinning while the queue is empty: on 2 cores a spinning writer takes the CPU the callers need.
    private readonly ManualResetEventSlim _arrived = new(false, spinCount: 0);
    private volatile bool _closing;
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly DatabaseStatus _status;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly WalCheckpointer? _checkpointer;
    private volatile bool _restartRequested;
    private SqliteConnection? _connection;
    private PreparedStatements? _statements;
    private long _units;
    private long _commits;

    /// <param name="walRestartPages">Only tests change it (<see cref="WalRestartPages"/>).</param>
    /// <param name="walAutoCheckpointPages">Only tests change it (<see cref="WalAutoCheckpointPages"/>).</param>
    public GroupCommitWriter(string connectionString, string synchronous, TimeSpan busyTimeout, DatabaseStatus status, ILogger logger,
        int walRestartPages = WalRestartPages, int walAutoCheckpointPages = WalAutoCheckpointPages)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _pragmas = $"PRAGMA synchronous={synchronous.ToUpperInvariant()}; PRAGMA busy_timeout={(int)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON; " +
                   $"PRAGMA wal_autocheckpoint={walAutoCheckpointPages};";
        _status = status;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-group-commit" };
        _thread.Start();
        if (HasWal(_connectionString))
        {
            _checkpointer = new WalCheckpointer(_connectionString, synchronous, busyTimeout, walRestartPages, status,
                () => Commits, RequestWalRestart, logger);
        }
    }

    /// <summary>The background checkpointer; null for an in-memory database (no WAL).</summary>
    public WalCheckpointer? Checkpointer => _checkpointer;

    private static bool HasWal(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:");
    }

    /// <summary>
    /// Runs a passive checkpoint on the writer's connection before the next batch: the background pass copied all but
    /// the last few frames, and a checkpoint that reaches the WAL's end while no transaction is open lets the next one
    /// start the WAL file from its beginning.
    /// </summary>
    private void RequestWalRestart()
    {
        _restartRequested = true;
        _arrived.Set();
    }

    /// <summary>Units written so far (each is one logical write: one grain state, one journal batch, ...).</summary>
    public long Units => Interlocked.Read(ref _units);

    /// <summary>Transactions committed so far: with <c>synchronous=FULL</c>, one fsync each.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Runs <paramref name="unit"/> in the next shared transaction; completes once it is committed.</summary>
    public Task<BufferedResults> WriteAsync(WriteUnit unit, bool readResults = false)
    {
        ArgumentNullException.ThrowIfNull(unit);
        _status.ThrowIfUnavailable();
        if (unit.IsEmpty)
        {
            return Task.FromResult(BufferedResults.None);
        }

        ObjectDisposedException.ThrowIf(_closing, this);
        var sequence = WriteSequence.Current;
        if (sequence?.Last is { } last && !ReferenceEquals(last.Writer, this))
        {
            throw new InvalidOperationException("A write sequence spans one database: its writes are ordered by that database's writer.");
        }

        var pending = new PendingUnit(unit, readResults, sequence?.Last?.Completion);
        _queue.Enqueue(pending);
        if (sequence is not null)
        {
            sequence.Last = (this, pending.Completion.Task);
        }

        _arrived.Set();
        return pending.Completion.Task;
    }

    private void Run()
    {
        var batch = new List<PendingUnit>(MaxBatch);
        while (true)
        {
            // Reset before looking, so a unit queued after the look sets the event again and is not missed.
            _arrived.Reset();
            if (_restartRequested)
            {
                _restartRequested = false;
                FinishCheckpoint();
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                WriteBatch(batch);
                continue;
            }

            if (_closing)
            {
                break;
            }

            _arrived.Wait();
        }

        while (_queue.TryDequeue(out var late))
        {
            late.Fail(new ObjectDisposedException(nameof(GroupCommitWriter), "The database closed before this write: it was not stored."));
        }

        CloseConnection();
    }

    private void FinishCheckpoint()
    {
        try
        {
            _status.ThrowIfUnavailable();
            var (connection, _) = Connection();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or StorageUnavailableException)
        {
            // Nothing is lost: the WAL keeps the frames; the next request or the automatic checkpoint tries again.
            LogCheckpointFailed(ex);
        }
    }

    private void WriteBatch(List<PendingUnit> batch)
    {
        SqliteTransaction? transaction = null;
        try
        {
            _status.ThrowIfUnavailable();
            var (connection, statements) = Connection();
            transaction = connection.BeginTransaction(deferred: false);
            foreach (var pending in batch)
            {
                RunInSavepoint(statements, transaction, pending);
            }

            // The file may have been lost while the batch ran: nothing may be acknowledged from an unlinked file.
            _status.ThrowIfUnavailable();
            transaction.Commit();
            Interlocked.Increment(ref _commits);
            Interlocked.Add(ref _units, batch.Count);
            foreach (var pending in batch)
            {
                pending.Committed();
            }
        }
        catch (Exception ex)
        {
            // BEGIN or COMMIT failed: nothing of this batch is stored. A fresh connection for the next one.
            LogBatchFailed(ex, batch.Count);
            try
            {
                transaction?.Rollback();
            }
            catch (Exception rollback) when (rollback is SqliteException or InvalidOperationException)
            {
                // The failed commit already ended the transaction.
            }

            CloseConnection();
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
        }
        finally
        {
            transaction?.Dispose();
        }
    }

    private static void RunInSavepoint(PreparedStatements statements, SqliteTransaction transaction, PendingUnit pending)
    {
        if (pending.IsDone)
        {
            return;
        }

        // The queue is taken in order, so the write before this one in its sequence has run: in an earlier commit
        // (done), in this batch (its savepoint released, committed with this one), or it failed.
        if (pending.Preceding is { IsFaulted: true } or { IsCanceled: true })
        {
            pending.Fail(new PrecedingWriteFailedException(pending.Preceding.Exception?.GetBaseException()
                ?? new OperationCanceledException("The preceding write was cancelled.")));
            return;
        }

        statements.Execute("SAVEPOINT unit;", transaction);
        try
        {
            pending.Results = Execute(statements, transaction, pending);
            statements.Execute("RELEASE unit;", transaction);
        }
        catch (Exception ex)
        {
            // This unit alone is undone; if SQLite already ended the whole transaction, this throws and the batch fails.
            statements.Execute("ROLLBACK TO unit;", transaction);
            statements.Execute("RELEASE unit;", transaction);
            pending.Fail(ex);
        }
    }

    private static BufferedResults Execute(PreparedStatements statements, SqliteTransaction transaction, PendingUnit pending)
    {
        var sets = pending.ReadResults ? new List<BufferedResultSet>() : null;
        var affected = 0;
        foreach (var statement in pending.Unit.Statements)
        {
            var sql = statement is BoundStatement bound ? bound.Sql : ((SqliteCommand)statement).CommandText;
            try
            {
                affected += statement switch
                {
                    BoundStatement values when statements.Statement(sql) is { } compiled => RunBound(compiled, values, sets),
                    BoundStatement values => RunCommand(statements, transaction, values.ToCommand(), sets),
                    SqliteCommand command when statements.Statement(sql) is { } compiled && RawStatement.CanBind(command.Parameters) =>
                        RunBound(compiled, command, sets),
                    _ => RunCommand(statements, transaction, (SqliteCommand)statement, sets),
                };
            }
            catch
            {
                statements.Forget(sql);
                throw;
            }
        }

        return new BufferedResults((IReadOnlyList<BufferedResultSet>?)sets ?? [], affected);
    }

    private static int RunBound(RawStatement compiled, BoundStatement values, List<BufferedResultSet>? sets)
    {
        compiled.Bind(values.Parameters);
        return compiled.Run(sets);
    }

    private static int RunBound(RawStatement compiled, SqliteCommand command, List<BufferedResultSet>? sets)
    {
        compiled.Bind(command.Parameters);
        return compiled.Run(sets);
    }

    /// <summary>A text of several statements (or values only Microsoft.Data.Sqlite converts): run as a command.</summary>
    private static int RunCommand(PreparedStatements statements, SqliteTransaction transaction, SqliteCommand incoming,
        List<BufferedResultSet>? sets)
    {
        using var lease = statements.Take(incoming, transaction);
        var command = lease.Command;
        if (sets is null)
        {
            return Math.Max(0, command.ExecuteNonQuery());
        }

        using var reader = command.ExecuteReader();
        do
        {
            if (reader.FieldCount == 0)
            {
                continue;
            }

            var names = new string[reader.FieldCount];
            var types = new Type[reader.FieldCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.GetName(i);
                types[i] = typeof(object);
            }

            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[names.Length];
                reader.GetValues(row!);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is not null and not DBNull)
                    {
                        types[i] = row[i]!.GetType();
                    }
                }

                rows.Add(row);
            }

            sets.Add(new BufferedResultSet(names, types, rows));
        }
        while (reader.NextResult());

        return Math.Max(0, reader.RecordsAffected);
    }

    private (SqliteConnection Connection, PreparedStatements Statements) Connection()
    {
        if (_connection is not null && _statements is not null)
        {
            return (_connection, _statements);
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }

        _connection = connection;
        _statements = new PreparedStatements(connection);
        return (connection, _statements);
    }

    private void CloseConnection()
    {
        _statements?.Dispose();
        _statements = null;
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Writes what is queued, then stops; later writes are refused.</summary>
    public void Dispose()
    {
        _checkpointer?.Dispose();
        _closing = true;
        _arrived.Set();
        _thread.Join();
        _arrived.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The writer's checkpoint before a WAL restart failed; the WAL keeps its frames and grows until one works")]
    private partial void LogCheckpointFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A shared commit of {Units} writes failed; each of their callers gets the error and nothing of them is stored")]
    private partial void LogBatchFailed(Exception exception, int units);

    private sealed class PendingUnit(WriteUnit unit, bool readResults, Task? preceding)
    {
        public WriteUnit Unit { get; } = unit;

        /// <summary>The write queued before this one in its <see cref="WriteSequence"/>: this one runs only if that succeeded.</summary>
        public Task? Preceding { get; } = preceding;

        public bool ReadResults { get; } = readResults;

        public BufferedResults Results { get; set; } = BufferedResults.None;

        // Continuations run on the thread pool, never on the writer's thread.
        public TaskCompletionSource<BufferedResults> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsDone => Completion.Task.IsCompleted;

        public void Committed() => Completion.TrySetResult(Results);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
