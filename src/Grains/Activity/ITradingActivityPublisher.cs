using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Activity;

/// <summary>
/// Where grains announce what just changed, for live views (the dashboard). Called after the change is persisted.
/// Implementations return at once and never throw: trading never waits on, or fails because of, a viewer.
/// </summary>
public interface ITradingActivityPublisher
{
    /// <summary>The account's balance, positions, orders or stats changed.</summary>
    void AccountChanged(string accountId);

    /// <summary>A signal was decided (accepted or rejected) and journaled.</summary>
    void DecisionRecorded(DecisionRecord decision);

    /// <summary>The kill-switch changed state.</summary>
    void KillSwitchChanged(KillSwitchStatus status);
}

/// <summary>The default when nothing watches: announcements go nowhere.</summary>
public sealed class NoTradingActivityPublisher : ITradingActivityPublisher
{
    public void AccountChanged(string accountId)
    {
    }

    public void DecisionRecorded(DecisionRecord decision)
    {
    }

    public void KillSwitchChanged(KillSwitchStatus status)
    {
    }
}
