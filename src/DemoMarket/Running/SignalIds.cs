namespace OrleansTrading.DemoMarket.Running;

/// <summary>
/// Fresh signal ids: a signal id is an account's idempotency key forever, so each run of the demo has its own prefix
/// (its start time and a random part) and numbers its signals after it.
/// </summary>
public sealed class SignalIds(string runId)
{
    private long _last;

    public string RunId { get; } = runId;

    public static SignalIds ForRunStartingAt(DateTimeOffset start) =>
        new($"{start.UtcDateTime:yyyyMMdd'T'HHmmss}-{Guid.NewGuid():N}"[..24]);

    public string Next(string strategy) => $"{RunId}-{strategy}-{Interlocked.Increment(ref _last)}";
}
