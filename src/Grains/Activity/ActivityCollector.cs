using System.Collections.Concurrent;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Activity;

/// <summary>
/// Collects, per silo and in memory, what changed since the last flush: grains record a change with a dictionary
/// write instead of a message, so a signal costs no extra grain call however many dashboards watch.
/// </summary>
public sealed class ActivityCollector(TimeProvider clock)
{
    /// <summary>Decisions carried per batch; a burst beyond it is summarised by the changed accounts.</summary>
    public const int MaxDecisionsPerBatch = 200;

    private readonly ConcurrentDictionary<string, byte> _changedAccounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<DecisionRecord> _decisions = new();
    private int _killSwitchChanged;

    public void AccountChanged(string accountId) => _changedAccounts.TryAdd(accountId, 0);

    public void DecisionRecorded(DecisionRecord decision)
    {
        _decisions.Enqueue(decision);
        while (_decisions.Count > MaxDecisionsPerBatch && _decisions.TryDequeue(out _))
        {
        }
    }

    public void KillSwitchChanged() => Interlocked.Exchange(ref _killSwitchChanged, 1);

    /// <summary>Everything recorded since the last call, and starts afresh.</summary>
    public ActivityBatch TakeBatch()
    {
        var accounts = new List<string>();
        foreach (var id in _changedAccounts.Keys)
        {
            if (_changedAccounts.TryRemove(id, out _))
            {
                accounts.Add(id);
            }
        }

        var decisions = new List<DecisionRecord>();
        while (decisions.Count < MaxDecisionsPerBatch && _decisions.TryDequeue(out var decision))
        {
            decisions.Add(decision);
        }

        return new ActivityBatch(accounts, decisions, Interlocked.Exchange(ref _killSwitchChanged, 0) == 1, clock.GetUtcNow());
    }
}
