namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Writes of one step that must be stored in order: the journal before the grain state that counts it journaled, the
/// venue's archive before the book that no longer holds the archived orders. Inside a sequence, a write queued on the
/// <see cref="GroupCommitWriter"/> runs only after the write queued before it in the same sequence, and only if that
/// one succeeded (the writer takes its queue in order), so the caller queues both at once and waits once instead of
/// waiting for one commit before queueing the next: one wait on the writer fewer per signal (load generator, open loop
/// at 500 signals/s: p50 4.6 -> 4.2 ms).
/// A write that does not go through the writer (PostgreSQL) is not queued here: <see cref="HasQueued"/> stays false, and
/// the caller must wait for it before it starts the next.
/// </summary>
/// <remarks>The sequence is ambient for the async flow that began it (an <see cref="AsyncLocal{T}"/>), so the writes
/// Orleans' storage provider makes for a grain state join it too; keep its scope to the writes that belong together.</remarks>
public sealed class WriteSequence : IDisposable
{
    private static readonly AsyncLocal<WriteSequence?> Ambient = new();
    private readonly WriteSequence? _outer;
    private bool _disposed;

    private WriteSequence(WriteSequence? outer) => _outer = outer;

    /// <summary>
    /// The sequence of the current async flow, if one began and has not ended (a flow that captured it, say an
    /// activation started inside its scope, must not order its writes behind it afterwards).
    /// </summary>
    internal static WriteSequence? Current => Ambient.Value is { _disposed: false } sequence ? sequence : null;

    /// <summary>Whether a write of this sequence is queued on the writer: the next one will run behind it.</summary>
    public bool HasQueued => Last is not null;

    /// <summary>The writer and the completion of the write queued last in this sequence.</summary>
    internal (GroupCommitWriter Writer, Task Completion)? Last { get; set; }

    /// <summary>Starts a sequence for the current async flow; disposing it ends it.</summary>
    public static WriteSequence Begin()
    {
        var sequence = new WriteSequence(Ambient.Value);
        Ambient.Value = sequence;
        return sequence;
    }

    /// <summary>
    /// Stores <paramref name="first"/>'s write, then <paramref name="second"/>'s, waiting once: on the writer both are
    /// queued at once and the second runs only behind a stored first; a write that does not go through the writer
    /// (PostgreSQL) is awaited before the second starts. A failed first fails the second, and its error is the one thrown.
    /// Nothing but the two writes belongs in them: the sequence is ambient, and a grain call would carry it along.
    /// </summary>
    public static async Task InOrderAsync(Func<Task> first, Func<Task> second)
    {
        using var sequence = Begin();
        var stored = first();
        if (!sequence.HasQueued)
        {
            await stored;
        }

        await Task.WhenAll(stored, second());
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Ambient.Value = _outer;
        }
    }
}

/// <summary>A write of a <see cref="WriteSequence"/> refused because the write before it in the sequence failed.</summary>
public sealed class PrecedingWriteFailedException(Exception inner)
    : Exception("Not stored: the write queued before this one in its sequence failed.", inner);
