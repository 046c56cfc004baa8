namespace OrleansTrading.LoadGen.Load;

/// <summary>Sends each signal through the next of several senders in turn: one client spreading its load over every silo's API.</summary>
public sealed class RoundRobinSender(IReadOnlyList<ISignalSender> senders) : ISignalSender
{
    private int _next = -1;

    public string Transport => $"HTTP to {senders.Count} silo{(senders.Count == 1 ? "" : "s")}";

    public Task<SignalOutcome> SendAsync(LoadSignal signal) =>
        senders[(int)((uint)Interlocked.Increment(ref _next) % (uint)senders.Count)].SendAsync(signal);
}
