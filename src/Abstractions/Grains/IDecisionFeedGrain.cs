namespace OrleansTrading.Abstractions;

/// <summary>The latest decisions across every account, newest first, read from the decisions journal (key 0).</summary>
[Alias("trading.IDecisionFeedGrain")]
public interface IDecisionFeedGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("GetLatestAsync")]
    Task<IReadOnlyList<DecisionRecord>> GetLatestAsync(int limit);
}
