namespace OrleansTrading.Grains.Rules;

/// <summary>
/// The times of an account's signals in the last minute, for <c>rateLimited</c>. In memory only (a restart forgets it),
/// and bounded: once it holds as many signals as the limit, older ones can no longer change a verdict, so they go.
/// </summary>
public sealed class SignalWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> _times = new();

    /// <summary>
    /// Counts a signal arriving at <paramref name="now"/> and returns how many came before it within the sliding
    /// minute (now − 1 min, now]. A signal exactly one minute old no longer counts.
    /// </summary>
    public int CountAndAdd(DateTimeOffset now, int keepAtMost)
    {
        var before = CountAt(now);
        _times.Enqueue(now);
        while (_times.Count > Math.Max(1, keepAtMost))
        {
            _times.Dequeue();
        }

        return before;
    }

    /// <summary>
    /// With <paramref name="max"/> or more signals in the minute: when the next one would be allowed if no other came
    /// meanwhile (the oldest counted then leaves the window). Null while there is room.
    /// </summary>
    public DateTimeOffset? RoomAt(DateTimeOffset now, int max) =>
        CountAt(now) >= max && _times.TryPeek(out var oldest) ? oldest + Length : null;

    /// <summary>Signals within (now − 1 min, now], after dropping the older ones.</summary>
    public int CountAt(DateTimeOffset now)
    {
        while (_times.TryPeek(out var oldest) && oldest <= now - Length)
        {
            _times.Dequeue();
        }

        return _times.Count;
    }
}
