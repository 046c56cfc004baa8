using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansTrading.LoadGen.Load;

/// <summary>What the generator saw in one measured window: throughput, latency, outcomes.</summary>
public sealed record LoadStats(
    double WindowSeconds,
    long Sent,
    long Accepted,
    double AcceptedPerSecond,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> Rejections,
    long Errors,
    long ErrorsWholeRun,
    string? FirstError,
    long AcceptedWithoutFill)
{
    public long Rejected => Rejections.Values.Sum();

    public long StaleQuote => Rejections.GetValueOrDefault("staleQuote");

    public double StaleQuotePercent => Sent == 0 ? 0 : 100.0 * StaleQuote / Sent;
}

/// <summary>
/// Every signal's outcome with its intended send time and completion time (Stopwatch ticks), live counters for the
/// console, and the accepted signal ids for the journal check afterwards. Thread-safe.
/// </summary>
public sealed class LoadRecorder
{
    private readonly ConcurrentQueue<Sample> _samples = new();
    private readonly ConcurrentQueue<(string AccountId, string SignalId)> _accepted = new();
    private long _completed;
    private long _acceptedCount;
    private long _rejectedCount;
    private long _staleCount;
    private long _errorCount;
    private long _inFlight;
    private string? _firstError;

    public long WindowStart { get; private set; } = long.MaxValue;

    public long WindowEnd { get; private set; } = long.MaxValue;

    public long Completed => Interlocked.Read(ref _completed);

    public long AcceptedCount => Interlocked.Read(ref _acceptedCount);

    public long RejectedCount => Interlocked.Read(ref _rejectedCount);

    public long StaleCount => Interlocked.Read(ref _staleCount);

    public long ErrorCount => Interlocked.Read(ref _errorCount);

    public long InFlight => Interlocked.Read(ref _inFlight);

    public string? FirstError => _firstError;

    /// <summary>Signals the client saw accepted, over the whole run (warm-up included): each must be in the journal.</summary>
    public IReadOnlyCollection<(string AccountId, string SignalId)> Accepted => _accepted;

    public void MarkWindowStart() => WindowStart = Stopwatch.GetTimestamp();

    public void MarkWindowEnd() => WindowEnd = Stopwatch.GetTimestamp();

    public void Sending() => Interlocked.Increment(ref _inFlight);

    /// <summary>Records one answered (or failed) signal; <paramref name="intended"/> is when it was meant to be sent.</summary>
    public void Record(LoadSignal signal, long intended, SignalOutcome outcome)
    {
        var completed = Stopwatch.GetTimestamp();
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _completed);
        switch (outcome.Kind)
        {
            case OutcomeKind.Accepted:
                Interlocked.Increment(ref _acceptedCount);
                _accepted.Enqueue((signal.AccountId, signal.SignalId));
                break;
            case OutcomeKind.Rejected:
                Interlocked.Increment(ref _rejectedCount);
                if (outcome.Reason == "staleQuote")
                {
                    Interlocked.Increment(ref _staleCount);
                }

                break;
            default:
                Interlocked.Increment(ref _errorCount);
                Interlocked.CompareExchange(ref _firstError, $"{signal.AccountId}/{signal.SignalId}: {outcome.Error}", null);
                break;
        }

        _samples.Enqueue(new Sample(intended, completed, outcome.Kind, outcome.Reason, outcome.Kind == OutcomeKind.Accepted && outcome.FilledQuantity == 0));
    }

    /// <summary>
    /// Throughput counts signals accepted (answered, so persisted) within the window; latency, rejections and errors
    /// count the signals whose intended send time fell within it.
    /// </summary>
    public LoadStats Summarize()
    {
        var (start, end) = (WindowStart, WindowEnd);
        var seconds = (end - start) / (double)Stopwatch.Frequency;
        var samples = _samples.ToArray();
        var inWindow = samples.Where(s => s.Intended >= start && s.Intended < end).ToArray();
        var acceptedInWindow = samples.Count(s => s.Kind == OutcomeKind.Accepted && s.Completed >= start && s.Completed < end);
        var rejections = inWindow.Where(s => s.Kind == OutcomeKind.Rejected)
            .GroupBy(s => s.Reason ?? "unknown", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        return new LoadStats(
            seconds,
            inWindow.Length,
            acceptedInWindow,
            seconds > 0 ? acceptedInWindow / seconds : 0,
            LatencySummary.FromTicks(inWindow.Select(s => s.Completed - s.Intended)),
            rejections,
            inWindow.Count(s => s.Kind == OutcomeKind.Error),
            samples.Count(s => s.Kind == OutcomeKind.Error),
            _firstError,
            inWindow.Count(s => s.AcceptedWithoutFill));
    }

    private readonly record struct Sample(long Intended, long Completed, OutcomeKind Kind, string? Reason, bool AcceptedWithoutFill);
}
