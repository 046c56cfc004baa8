namespace OrleansTrading.Abstractions;

/// <summary>
/// What changed in the engine since the previous batch, coalesced: each account once however often it changed,
/// the decisions made (newest last, at most a bounded number), and whether the kill-switch moved.
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.ActivityBatch")]
public sealed record ActivityBatch(
    [property: Id(0)] IReadOnlyList<string> ChangedAccounts,
    [property: Id(1)] IReadOnlyList<DecisionRecord> Decisions,
    [property: Id(2)] bool KillSwitchChanged,
    [property: Id(3)] DateTimeOffset At)
{
    public bool IsEmpty => ChangedAccounts.Count == 0 && Decisions.Count == 0 && !KillSwitchChanged;
}
