using System.Diagnostics;
using System.Threading.Channels;

namespace OrleansTrading.LoadGen.Load;

/// <summary>
/// Open loop: signal i is due at start + i / rate, whatever happened to the earlier ones. Each goes to the next idle
/// account (one signal in flight per account, so its opens and closes stay in order); when every account is busy the
/// signal waits for one, and its latency still counts from its due time. Measuring from the due time rather than
/// the actual send keeps a stalled engine from hiding its own backlog (coordinated omission).
/// </summary>
public static class OpenLoop
{
    public static async Task RunAsync(ISignalSender sender, IReadOnlyList<AccountPlan> accounts, double rate, LoadRecorder recorder, CancellationToken stop)
    {
        var idle = Channel.CreateUnbounded<AccountCursor>();
        foreach (var plan in accounts)
        {
            idle.Writer.TryWrite(new AccountCursor(plan));
        }

        var ticksPerSignal = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var sends = new List<Task>();
        for (long i = 0; !stop.IsCancellationRequested;)
        {
            var due = start + (long)(i * ticksPerSignal);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                // Timers tick in about 1 ms steps: signals due within the same step go out together, stamped with their own due times.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, LatencySummary.ToMs(wait))), CancellationToken.None);
                continue;
            }

            if (!idle.Reader.TryRead(out var cursor))
            {
                try
                {
                    cursor = await idle.Reader.ReadAsync(stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var signal = cursor.Next();
            recorder.Sending();
            sends.Add(SendAsync(sender, cursor, signal, due, recorder, idle.Writer));
            i++;
            if (sends.Count > 4096)
            {
                sends.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(sends);
    }

    private static async Task SendAsync(ISignalSender sender, AccountCursor cursor, LoadSignal signal, long due, LoadRecorder recorder, ChannelWriter<AccountCursor> idle)
    {
        var outcome = await sender.SendAsync(signal);
        recorder.Record(signal, due, outcome);
        cursor.Answered(signal, outcome);
        idle.TryWrite(cursor);
    }
}
