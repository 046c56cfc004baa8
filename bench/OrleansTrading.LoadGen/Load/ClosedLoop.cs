using System.Diagnostics;

namespace OrleansTrading.LoadGen.Load;

/// <summary>
/// Closed loop: every account sends its next signal as soon as the previous one is answered (open, close, open, ...),
/// all accounts at once. The offered load is whatever the engine answers; latency is send to answer.
/// </summary>
public static class ClosedLoop
{
    public static Task RunAsync(ISignalSender sender, IReadOnlyList<AccountPlan> accounts, LoadRecorder recorder, CancellationToken stop) =>
        Task.WhenAll(accounts.Select(plan => Task.Run(() => AccountLoopAsync(sender, new AccountCursor(plan), recorder, stop))));

    private static async Task AccountLoopAsync(ISignalSender sender, AccountCursor cursor, LoadRecorder recorder, CancellationToken stop)
    {
        // Stopping lets the signal in flight finish, so its answer is recorded; the caller bounds that drain.
        while (!stop.IsCancellationRequested)
        {
            var signal = cursor.Next();
            var sent = Stopwatch.GetTimestamp();
            recorder.Sending();
            var outcome = await sender.SendAsync(signal);
            recorder.Record(signal, sent, outcome);
            cursor.Answered(signal, outcome);
        }
    }
}
