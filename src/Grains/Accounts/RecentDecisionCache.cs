using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// The account's most recent decisions by signal id, in memory only: retries usually come within seconds, so they
/// are answered without a journal read. Bounded (oldest out first); the journal stays the record of every decision.
/// </summary>
public sealed class RecentDecisionCache(int capacity)
{
    private readonly Dictionary<string, DecisionRecord> _bySignalId = new(StringComparer.Ordinal);
    private readonly Queue<string> _arrivalOrder = new();

    public int Count => _bySignalId.Count;

    public bool TryGet(string signalId, out DecisionRecord decision) => _bySignalId.TryGetValue(signalId, out decision!);

    public void Add(DecisionRecord decision)
    {
        if (!_bySignalId.TryAdd(decision.SignalId, decision))
        {
            return;
        }

        _arrivalOrder.Enqueue(decision.SignalId);
        while (_arrivalOrder.Count > capacity)
        {
            _bySignalId.Remove(_arrivalOrder.Dequeue());
        }
    }
}
