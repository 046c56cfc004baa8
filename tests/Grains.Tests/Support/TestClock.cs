namespace OrleansTrading.Grains.Tests.Support;

/// <summary>
/// A trading clock tests can set to any instant, backwards included (FakeTimeProvider only moves forward),
/// so one cluster can visit the trading window's edges and come back.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Wednesday 2026-11-25 15:00 UTC = 10:00 in New York: inside the default trading window.</summary>
    public static readonly DateTimeOffset InsideTradingWindow = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private long _utcTicks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _utcTicks, value.UtcTicks);
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => Now;
}
