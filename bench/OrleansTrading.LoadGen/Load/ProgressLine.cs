using System.Diagnostics;
using System.Globalization;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Load;

/// <summary>
/// One console line per second on stderr while load runs: answers/s, accepted, rejected (staleQuote), errors, signals
/// in flight, the silo's CPU (cores over the last second) and RSS, and the quote stream's publications.
/// </summary>
public sealed class ProgressLine : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressLine(string label, LoadRecorder recorder, int siloPid, QuotePublisher? quotes)
    {
        _loop = Task.Run(() => LoopAsync(label, recorder, siloPid, quotes, _stop.Token));
    }

    public static ProgressLine Start(string label, LoadRecorder recorder, int siloPid, QuotePublisher? quotes) => new(label, recorder, siloPid, quotes);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task LoopAsync(string label, LoadRecorder recorder, int siloPid, QuotePublisher? quotes, CancellationToken stop)
    {
        var started = Stopwatch.StartNew();
        var (completed, accepted, rejected, stale, errors, published) = (recorder.Completed, recorder.AcceptedCount, recorder.RejectedCount, recorder.StaleCount, recorder.ErrorCount, quotes?.Published ?? 0);
        var silo = ProcStat.Read(siloPid);
        var at = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var now = Stopwatch.GetTimestamp();
                var seconds = (now - at) / (double)Stopwatch.Frequency;
                var sample = ProcStat.Read(siloPid);
                var quotesNow = quotes?.Published ?? 0;
                var inWindow = recorder.WindowStart <= now && now < recorder.WindowEnd ? "measuring" : "warm-up/drain";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{label} {started.Elapsed.TotalSeconds,4:F0}s {inWindow}] {(recorder.Completed - completed) / seconds,6:F0} answers/s, accepted {(recorder.AcceptedCount - accepted) / seconds,6:F0}/s, rejected {recorder.RejectedCount - rejected} (staleQuote {recorder.StaleCount - stale}), errors {recorder.ErrorCount - errors}, in flight {recorder.InFlight}, silo CPU {(sample.Cpu - silo.Cpu).TotalSeconds / seconds:F2} cores, RSS {sample.RssBytes / 1048576.0:F0} MB, quotes {(quotesNow - published) / seconds:F0}/s (errors {quotes?.Errors ?? 0})"));
                (completed, accepted, rejected, stale, errors, published) = (recorder.Completed, recorder.AcceptedCount, recorder.RejectedCount, recorder.StaleCount, recorder.ErrorCount, quotesNow);
                (silo, at) = (sample, now);
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }
}
