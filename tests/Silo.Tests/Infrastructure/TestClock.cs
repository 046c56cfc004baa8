namespace OrleansTrading.Silo.Tests.Infrastructure;

/// <summary>
/// The engine's trading clock in tests: it stands still until a test moves it, so quote timestamps,
/// quote age and creation times are exact. Only the keyed "trading" clock is replaced; Orleans keeps real time.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _utcTicks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
