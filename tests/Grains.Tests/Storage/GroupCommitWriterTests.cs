using OrleansTrading.Abstractions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.ItemTable;

namespace OrleansTrading.Grains.Tests.Storage;

/// <summary>
/// Group commit on a real file: writes queued together share one commit, each caller is answered only after it, and a
/// failing write is undone alone. An outside connection holding the write lock keeps the writer waiting, so the
/// writes queue up behind it the way they do under load.
/// </summary>
public sealed class GroupCommitWriterTests : IDisposable
{
    private readonly ItemTable _items = new();
    private readonly GroupCommitWriter _writer;

    public GroupCommitWriterTests() => _writer = _items.NewWriter("Full");

    [Fact]
    public async Task Writes_queued_together_share_one_commit_and_none_is_answered_before_it()
    {
        var commitsBefore = _writer.Commits;
        Task[] writes;
        using (var blocker = _items.HoldWriteLock())
        {
            writes = [.. Enumerable.Range(0, 200).Select(i => _writer.WriteAsync(Insert($"w{i:000}", i)))];
            await Task.Delay(300);
            Assert.All(writes, w => Assert.False(w.IsCompleted)); // nothing is answered before its commit
            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await Task.WhenAll(writes);
        Assert.Equal(200, _items.StoredIds().Count);
        // The first write may have started its own batch before the others arrived; the other 199 share one.
        Assert.InRange(_writer.Commits - commitsBefore, 1, 2);
        Assert.Equal(200, _writer.Units);
    }

    [Fact]
    public async Task A_failing_write_is_undone_alone_and_the_others_of_its_commit_are_stored()
    {
        await _writer.WriteAsync(Insert("taken", 0));
        Task ok1, failing, ok2;
        using (var blocker = _items.HoldWriteLock())
        {
            ok1 = _writer.WriteAsync(Insert("a", 1));
            // Two statements together: the first would succeed, the second breaks the primary key; neither may stay.
            failing = _writer.WriteAsync(Insert("b", 2).Add("INSERT INTO item (id, value) VALUES ('taken', 3);"));
            ok2 = _writer.WriteAsync(Insert("c", 4));
            await Task.Delay(100);
            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await ok1;
        await ok2;
        var error = await Assert.ThrowsAsync<SqliteException>(() => failing);
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "c", "taken"], _items.StoredIds());
    }

    [Fact]
    public async Task A_statement_that_failed_in_one_commit_runs_again_in_the_next()
    {
        await _writer.WriteAsync(Insert("x", 1));
        await Assert.ThrowsAsync<SqliteException>(() => _writer.WriteAsync(Insert("x", 2)));
        await _writer.WriteAsync(Insert("y", 3)); // the same text, compiled afresh after the failure
        await _writer.WriteAsync(Insert("z", 4)); // and kept again

        Assert.Equal(["x", "y", "z"], _items.StoredIds());
    }

    [Fact]
    public async Task The_writers_own_checkpoint_is_only_a_fallback_far_beyond_the_wal_restart_size()
    {
        var results = await _writer.WriteAsync(new WriteUnit().Add("PRAGMA wal_autocheckpoint;"), readResults: true);

        Assert.Equal(256_000L, Assert.Single(Assert.Single(results.Sets).Rows)[0]);
        Assert.Equal(64_000, Assert.IsType<WalCheckpointer>(_writer.Checkpointer).RestartPages);
    }

    [Fact]
    public async Task Committed_writes_reach_the_database_file_itself_without_the_writer_checkpointing()
    {
        for (var i = 0; i < 50; i++)
        {
            await _writer.WriteAsync(Insert($"c{i:D2}", i));
        }

        // Far fewer frames than the writer's own checkpoint needs: only the background checkpointer copies them.
        var checkpointer = Assert.IsType<WalCheckpointer>(_writer.Checkpointer);
        var commits = _writer.Commits;
        await WaitUntil(() => checkpointer.CoveredCommits >= commits, TimeSpan.FromSeconds(10));
        Assert.Equal(checkpointer.LastPass.WalFrames, checkpointer.LastPass.CopiedFrames);
        Assert.Equal(commits, _writer.Commits);

        // The database file alone, without its WAL, already holds every committed row.
        var copy = Path.Combine(_items.Database.Folder, "main-file-only.db");
        using (var source = new FileStream(_items.Database.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var target = File.Create(copy))
        {
            await source.CopyToAsync(target);
        }

        using var alone = new SqliteConnection($"Data Source={copy};Pooling=False");
        alone.Open();
        using var count = alone.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM item WHERE id LIKE 'c%';";
        Assert.Equal(50L, count.ExecuteScalar());
    }

    [Fact]
    public async Task The_wal_starts_over_once_it_holds_the_restart_size_while_writes_keep_coming()
    {
        using var small = new GroupCommitWriter(_items.Database.ConnectionString, "Normal", TimeSpan.FromSeconds(30), new DatabaseStatus(), NullLogger.Instance,
            walRestartPages: 64, walAutoCheckpointPages: 1_000_000);
        await small.WriteAsync(new WriteUnit().Add("CREATE TABLE page (id INTEGER PRIMARY KEY, body BLOB NOT NULL);"));

        // Each write a page or more, without pause: the writer is never idle long enough to restart the WAL by accident.
        var written = 0;
        var until = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < until)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                small.WriteAsync(new WriteUnit().Add("INSERT INTO page (body) VALUES (randomblob(5000));"))));
            written += 8;
        }

        // A row of 5 KB takes two pages. Without restarts the WAL file holds every page written; with them, about what
        // is written between two background passes (it restarts at most once per pass).
        var walFrames = new FileInfo(_items.Database.FilePath + "-wal").Length / (4096 + 24);
        var framesWritten = written * 2L;
        Assert.True(framesWritten > 20 * 64, $"only {written} rows written: the test proves nothing");
        Assert.True(walFrames * 3 < framesWritten, $"WAL is {walFrames} frames after {framesWritten} frames written");
        using var reader = new SqliteConnection(_items.Database.ConnectionString + ";Pooling=False");
        reader.Open();
        using var count = reader.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM page;";
        Assert.Equal((long)written, count.ExecuteScalar());
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not come true in time");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Results_of_a_write_are_read_back_after_its_commit()
    {
        var results = await _writer.WriteAsync(
            Insert("r", 7).Add("UPDATE item SET value = value + 1 WHERE id = 'r' RETURNING value AS NewValue;"), readResults: true);

        var set = Assert.Single(results.Sets);
        Assert.Equal("NewValue", Assert.Single(set.Names));
        Assert.Equal(8L, Assert.Single(set.Rows)[0]);
        Assert.Equal(2, results.RecordsAffected);
    }

    [Fact]
    public async Task A_write_queued_before_the_file_is_lost_fails_and_nothing_is_queued_after()
    {
        var status = new DatabaseStatus();
        using var writer = new GroupCommitWriter(_items.Database.ConnectionString, "Normal", TimeSpan.FromSeconds(30), status, NullLogger.Instance);
        Task queued;
        using (var blocker = _items.HoldWriteLock())
        {
            queued = writer.WriteAsync(Insert("queued", 1));
            status.MarkLost("the database file was deleted");
            using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }

        await Assert.ThrowsAsync<StorageUnavailableException>(() => queued); // queued before, never acknowledged after
        Assert.Throws<StorageUnavailableException>(() => { _ = writer.WriteAsync(Insert("later", 2)); }); // refused at once
        Assert.Empty(_items.StoredIds());
    }

    public void Dispose()
    {
        _writer.Dispose();
        _items.Dispose();
    }
}
