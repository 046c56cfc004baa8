using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Copies committed WAL frames into the database file on a thread and connection of its own, so the group commit writer
/// does not stop taking writes while a checkpoint copies pages and syncs the file. SQLite's automatic checkpoint runs
/// on the committing connection after its commit: every caller queued behind it waited for the whole copy (measured with
/// the load generator, open loop at 500 signals/s: p99 150-175 ms with it on the writer every 16,000 pages).
/// A passive checkpoint never blocks the writer, but it cannot restart the WAL while the writer keeps appending: so once
/// the WAL holds <see cref="RestartPages"/> frames, the writer is asked to run a last passive checkpoint between two
/// batches (only the frames since this pass are left to copy), after which its next transaction starts the WAL file
/// from its beginning again.
/// </summary>
public sealed partial class WalCheckpointer : IDisposable
{
    /// <summary>Time between two passes while the writer commits; an idle database is not touched.</summary>
    public static readonly TimeSpan PassInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly DatabaseStatus _status;
    private readonly Func<long> _commits;
    private readonly Action _requestRestart;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private readonly Thread _thread;
    private SqliteConnection? _connection;
    private bool _failing;
    private long _walFrames;
    private long _copiedFrames;
    private long _coveredCommits = -1;

    /// <param name="commits">The writer's commit count: a pass runs only when it moved.</param>
    /// <param name="requestRestart">Asks the writer to finish the checkpoint itself so the WAL can restart.</param>
    public WalCheckpointer(string connectionString, string synchronous, TimeSpan busyTimeout, int restartPages, DatabaseStatus status,
        Func<long> commits, Action requestRestart, ILogger logger)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        // A checkpoint syncs the WAL before copying and the database after, at the same level as the writer's commits.
        _pragmas = $"PRAGMA synchronous={synchronous.ToUpperInvariant()}; PRAGMA busy_timeout={(int)busyTimeout.TotalMilliseconds};";
        RestartPages = restartPages;
        _status = status;
        _commits = commits;
        _requestRestart = requestRestart;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-checkpoint" };
        _thread.Start();
    }

    /// <summary>WAL frames (pages) at which the writer is asked to restart the WAL.</summary>
    public int RestartPages { get; }

    /// <summary>The writer's commit count read before the last pass began: every one of those commits it copied.</summary>
    public long CoveredCommits => Interlocked.Read(ref _coveredCommits);

    /// <summary>After the last pass: frames in the WAL, and how many of them are in the database file.</summary>
    public (long WalFrames, long CopiedFrames) LastPass => (Interlocked.Read(ref _walFrames), Interlocked.Read(ref _copiedFrames));

    private void Run()
    {
        var seen = -1L;
        while (!_stop.Wait(PassInterval))
        {
            var commits = _commits();
            if (commits == seen)
            {
                continue;
            }

            seen = commits;
            Pass(commits);
        }

        _connection?.Dispose();
    }

    private void Pass(long commits)
    {
        if (!_status.IsAvailable)
        {
            return; // a lost file is not written to, not even by a checkpoint
        }

        try
        {
            var connection = Connection();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return;
            }

            // busy, frames in the WAL, frames of it now in the database file
            var frames = reader.GetInt64(1);
            var copied = reader.GetInt64(2);
            Interlocked.Exchange(ref _walFrames, frames);
            Interlocked.Exchange(ref _copiedFrames, copied);
            Interlocked.Exchange(ref _coveredCommits, commits);
            if (_failing)
            {
                _failing = false;
                LogRecovered();
            }

            if (frames >= RestartPages)
            {
                _requestRestart();
            }
        }
        catch (SqliteException ex)
        {
            // Nothing is lost: the frames stay in the WAL, and the writer's own automatic checkpoint is the fallback.
            if (!_failing)
            {
                _failing = true;
                LogPassFailed(ex);
            }

            _connection?.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Connection()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
        }

        return _connection = connection;
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background WAL checkpoint failed; the writer checkpoints on its own until it works again")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background WAL checkpoints work again")]
    private partial void LogRecovered();
}
