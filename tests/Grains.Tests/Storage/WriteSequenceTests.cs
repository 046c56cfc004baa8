using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansTrading.Grains.Storage;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.ItemTable;

namespace OrleansTrading.Grains.Tests.Storage;

/// <summary>
/// Writes queued in one <see cref="WriteSequence"/> are stored in order, and a write whose predecessor in the sequence
/// failed is not stored at all, whether the two met in one commit or not. Writes outside the sequence are untouched.
/// </summary>
public sealed class WriteSequenceTests : IDisposable
{
    private readonly ItemTable _items = new();
    private readonly GroupCommitWriter _writer;

    public WriteSequenceTests() => _writer = _items.NewWriter();

    [Fact]
    public async Task Writes_of_a_sequence_queued_at_once_are_both_stored_in_one_commit()
    {
        var blocker = _items.HoldWriteLock();
        var commitsBefore = _writer.Commits;
        // The writer takes this one alone and waits on the lock with it; the sequence's two queue up behind.
        var ahead = _writer.WriteAsync(Insert("ahead", 0));
        await Task.Delay(100);
        Task first, second;
        using (var sequence = WriteSequence.Begin())
        {
            Assert.False(sequence.HasQueued);
            first = _writer.WriteAsync(Insert("first", 1));
            Assert.True(sequence.HasQueued);
            second = _writer.WriteAsync(Insert("second", 2));
        }

        await Task.Delay(100);
        Assert.False(first.IsCompleted); // queued, not waited for one after the other
        ItemTable.Release(blocker);
        await Task.WhenAll(ahead, first, second);

        Assert.Equal(["ahead", "first", "second"], _items.StoredIds());
        Assert.Equal(2, _writer.Commits - commitsBefore); // the one ahead, then both of the sequence together
    }

    [Fact]
    public async Task A_write_behind_a_failed_one_in_the_same_commit_is_not_stored_and_names_the_cause()
    {
        await _writer.WriteAsync(Insert("taken", 0));
        var blocker = _items.HoldWriteLock();
        Task failing, behind, outside;
        using (WriteSequence.Begin())
        {
            failing = _writer.WriteAsync(Insert("taken", 1));
            behind = _writer.WriteAsync(Insert("behind", 2));
        }

        outside = _writer.WriteAsync(Insert("outside", 3));
        ItemTable.Release(blocker);

        await Assert.ThrowsAsync<SqliteException>(() => failing);
        var refused = await Assert.ThrowsAsync<PrecedingWriteFailedException>(() => behind);
        Assert.Contains("UNIQUE", Assert.IsType<SqliteException>(refused.InnerException).Message, StringComparison.Ordinal);
        await outside; // the same commit, not in the sequence: stored
        Assert.Equal(["outside", "taken"], _items.StoredIds());
    }

    [Fact]
    public async Task A_write_behind_one_that_failed_in_an_earlier_commit_is_not_stored_either()
    {
        await _writer.WriteAsync(Insert("taken", 0));
        using var sequence = WriteSequence.Begin();
        var failing = _writer.WriteAsync(Insert("taken", 1));
        await Assert.ThrowsAsync<SqliteException>(() => failing);

        await Assert.ThrowsAsync<PrecedingWriteFailedException>(() => _writer.WriteAsync(Insert("later", 2)));
        // A refused write fails the ones behind it in turn.
        await Assert.ThrowsAsync<PrecedingWriteFailedException>(() => _writer.WriteAsync(Insert("even-later", 3)));
        Assert.Equal(["taken"], _items.StoredIds());
    }

    [Fact]
    public async Task Once_the_sequence_ends_later_writes_are_not_held_to_it_even_where_it_flowed()
    {
        await _writer.WriteAsync(Insert("taken", 0));
        Task<Task<BufferedResults>> capturedFlow;
        var release = new TaskCompletionSource();
        using (WriteSequence.Begin())
        {
            await Assert.ThrowsAsync<SqliteException>(() => _writer.WriteAsync(Insert("taken", 1)));
            // A flow started inside the scope carries the sequence with it (an activation started there would too).
            capturedFlow = Task.Run(async () =>
            {
                await release.Task;
                return _writer.WriteAsync(Insert("captured", 2));
            });
        }

        await _writer.WriteAsync(Insert("after", 3));
        release.SetResult();
        await await capturedFlow;

        Assert.Equal(["after", "captured", "taken"], _items.StoredIds());
    }

    [Fact]
    public async Task A_sequence_holds_to_one_database()
    {
        using var other = new ItemTable();
        using var otherWriter = other.NewWriter();
        using var sequence = WriteSequence.Begin();
        await _writer.WriteAsync(Insert("here", 1));

        // Refused before anything is queued: thrown at the call, not by the task.
        var error = Assert.Throws<InvalidOperationException>(() => { _ = otherWriter.WriteAsync(Insert("there", 2)); });
        Assert.Contains("one database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_sequences_order_their_own_writes_and_the_outer_one_resumes_after()
    {
        await _writer.WriteAsync(Insert("taken", 0));
        using var outer = WriteSequence.Begin();
        await _writer.WriteAsync(Insert("outer-1", 1));
        using (WriteSequence.Begin())
        {
            await Assert.ThrowsAsync<SqliteException>(() => _writer.WriteAsync(Insert("taken", 2)));
            await Assert.ThrowsAsync<PrecedingWriteFailedException>(() => _writer.WriteAsync(Insert("inner-2", 3)));
        }

        await _writer.WriteAsync(Insert("outer-2", 4)); // behind outer-1, which was stored

        Assert.Equal(["outer-1", "outer-2", "taken"], _items.StoredIds());
    }

    [Fact]
    public async Task In_order_stores_both_or_reports_the_first_ones_failure_and_stores_neither()
    {
        await _writer.WriteAsync(Insert("taken", 0));

        await WriteSequence.InOrderAsync(() => _writer.WriteAsync(Insert("one", 1)), () => _writer.WriteAsync(Insert("two", 2)));
        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            WriteSequence.InOrderAsync(() => _writer.WriteAsync(Insert("taken", 3)), () => _writer.WriteAsync(Insert("three", 4))));

        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        Assert.Equal(["one", "taken", "two"], _items.StoredIds());
    }

    public void Dispose()
    {
        _writer.Dispose();
        _items.Dispose();
    }
}
