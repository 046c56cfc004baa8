using OrleansTrading.Abstractions;
using OrleansTrading.Dashboard.Live;

namespace OrleansTrading.Dashboard.Tests.Live;

public sealed class PendingChangesTests
{
    private static ActivityBatch Batch(string[] accounts, DecisionRecord[]? decisions = null, bool killSwitch = false, int second = 0) =>
        new(accounts, decisions ?? [], killSwitch, Snapshots.Now.AddSeconds(second));

    private static DecisionRecord Decision(int n) => Snapshots.Accepted($"va-{n}") with { SignalId = $"s-{n}" };

    [Fact]
    public void An_account_named_by_many_batches_is_read_once()
    {
        var pending = new PendingChanges(decisionsKept: 100);

        pending.Add(Batch(["va-1", "va-2"], second: 1));
        pending.Add(Batch(["va-2", "va-3"], second: 3));
        pending.Add(Batch(["va-1"], second: 2));
        var merged = pending.Take();

        Assert.Equal(["va-1", "va-2", "va-3"], merged.ChangedAccounts.Order(StringComparer.Ordinal));
        Assert.Equal(Snapshots.Now.AddSeconds(3), merged.At);
        Assert.True(pending.IsEmpty);
    }

    [Fact]
    public void Only_the_newest_decisions_the_view_keeps_are_held_oldest_first()
    {
        var pending = new PendingChanges(decisionsKept: 3);

        pending.Add(Batch([], [Decision(1), Decision(2)]));
        pending.Add(Batch([], [Decision(3), Decision(4), Decision(5)]));
        var merged = pending.Take();

        Assert.Equal(["s-3", "s-4", "s-5"], merged.Decisions.Select(d => d.SignalId));
    }

    [Fact]
    public void A_kill_switch_change_in_any_batch_survives_the_merge_and_take_starts_afresh()
    {
        var pending = new PendingChanges(decisionsKept: 100);

        pending.Add(Batch(["va-1"], killSwitch: true));
        pending.Add(Batch(["va-2"]));

        Assert.True(pending.Take().KillSwitchChanged);
        Assert.True(pending.IsEmpty);
        pending.Add(Batch(["va-3"]));
        var next = pending.Take();
        Assert.False(next.KillSwitchChanged);
        Assert.Equal(["va-3"], next.ChangedAccounts);
    }
}
