using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Live;

/// <summary>
/// Pushed batches not yet applied to the live view, merged into one: an account changed in ten batches is read once,
/// and only the newest decisions the view keeps are held. Not thread-safe: the owner locks.
/// </summary>
public sealed class PendingChanges(int decisionsKept)
{
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);
    private readonly Queue<DecisionRecord> _decisions = new(); // oldest first, as batches carry them
    private bool _killSwitchChanged;
    private DateTimeOffset? _at;

    public bool IsEmpty => _accounts.Count == 0 && _decisions.Count == 0 && !_killSwitchChanged;

    public void Add(ActivityBatch batch)
    {
        _accounts.UnionWith(batch.ChangedAccounts);
        foreach (var decision in batch.Decisions)
        {
            _decisions.Enqueue(decision);
        }

        while (_decisions.Count > decisionsKept)
        {
            _decisions.Dequeue();
        }

        _killSwitchChanged |= batch.KillSwitchChanged;
        _at = _at is { } at && at > batch.At ? at : batch.At;
    }

    /// <summary>Everything merged so far as one batch (decisions oldest first), and starts afresh.</summary>
    public ActivityBatch Take()
    {
        var batch = new ActivityBatch([.. _accounts], [.. _decisions], _killSwitchChanged, _at ?? DateTimeOffset.MinValue);
        _accounts.Clear();
        _decisions.Clear();
        _killSwitchChanged = false;
        _at = null;
        return batch;
    }
}
