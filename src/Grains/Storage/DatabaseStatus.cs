using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Storage;

/// <summary>
/// Whether the database file the silo opened is still there to write to. Once lost it stays lost until the silo
/// restarts: open connections may point at an unlinked file, and nothing may be acknowledged from there.
/// </summary>
public sealed class DatabaseStatus
{
    private volatile string? _problem;

    public bool IsAvailable => _problem is null;

    /// <summary>Why storage is unavailable, naming the file; null while it is fine.</summary>
    public string? Problem => _problem;

    /// <summary>Records the first problem; returns true only for that first call, so it is logged once.</summary>
    public bool MarkLost(string problem) => Interlocked.CompareExchange(ref _problem, problem, null) is null;

    public void ThrowIfUnavailable()
    {
        if (_problem is { } problem)
        {
            throw new StorageUnavailableException(problem);
        }
    }
}
