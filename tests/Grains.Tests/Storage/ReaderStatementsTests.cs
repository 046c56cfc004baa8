using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;

namespace OrleansTrading.Grains.Tests.Storage;

/// <summary>
/// The signal path's lookups run on reader connections kept open with their statements: each lookup must still see
/// every write committed before it, never pin an old snapshot (a checkpoint must be able to empty the WAL), and a
/// failed lookup must not spoil the next.
/// </summary>
public sealed class ReaderStatementsTests : IDisposable
{
    private const string Lookup = "SELECT value FROM item WHERE id = $id;";
    private readonly TempDatabase _database = new();
    private readonly DatabaseStatus _status = new();
    private readonly GroupCommitWriter _writer;
    private readonly ReaderStatements _readers;

    public ReaderStatementsTests()
    {
        _database.Execute("PRAGMA journal_mode=WAL; CREATE TABLE item (id TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);");

        _writer = new GroupCommitWriter(_database.ConnectionString, "Normal", TimeSpan.FromSeconds(5), _status, NullLogger.Instance);
        _readers = new ReaderStatements(new SqliteConnectionStringBuilder(_database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString(), _status);
    }

    private Task Write(string id, int value) =>
        _writer.WriteAsync(new WriteUnit().Add("INSERT OR REPLACE INTO item (id, value) VALUES ($id, $value);", ("$id", id), ("$value", value)));

    [Fact]
    public async Task Each_lookup_sees_every_write_committed_before_it()
    {
        Assert.Empty(_readers.Query(Lookup, ("$id", "a")));

        for (var i = 1; i <= 5; i++)
        {
            await Write("a", i);
            Assert.Equal(i, (long)Assert.Single(_readers.Query(Lookup, ("$id", "a")))[0]!);
        }
    }

    [Fact]
    public async Task A_kept_reader_never_holds_back_a_checkpoint()
    {
        await Write("a", 1);
        Assert.Single(_readers.Query(Lookup, ("$id", "a"))); // the reader connection is now kept, idle
        await Write("b", 2);

        using var checkpoint = new SqliteConnection(_database.ConnectionString);
        checkpoint.Open();
        using var command = checkpoint.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var result = command.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0)); // not busy: no reader pins a snapshot
    }

    [Fact]
    public async Task A_failed_lookup_leaves_the_next_one_working()
    {
        await Write("a", 7);

        Assert.Throws<SqliteException>(() => _readers.Query("SELECT value FROM missing_table WHERE id = $id;", ("$id", "a")));
        Assert.Throws<InvalidOperationException>(() => _readers.Query(Lookup)); // $id not given

        Assert.Equal(7L, Assert.Single(_readers.Query(Lookup, ("$id", "a")))[0]);
    }

    [Fact]
    public void A_text_of_several_statements_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _readers.Query("SELECT 1; SELECT 2;"));
    }

    [Fact]
    public async Task Lookups_on_many_threads_at_once_each_get_their_own_rows()
    {
        for (var i = 0; i < 20; i++)
        {
            await Write($"k{i}", i);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(n => Task.Run(() =>
            (n % 20, (long)Assert.Single(_readers.Query(Lookup, ("$id", $"k{n % 20}")))[0]!))));

        Assert.All(answers, a => Assert.Equal(a.Item1, a.Item2));
    }

    [Fact]
    public void A_lost_database_file_refuses_lookups()
    {
        _status.MarkLost("the file was deleted");

        Assert.Throws<StorageUnavailableException>(() => _readers.Query(Lookup, ("$id", "a")));
    }

    public void Dispose()
    {
        _readers.Dispose();
        _writer.Dispose();
        _database.Dispose();
    }
}
