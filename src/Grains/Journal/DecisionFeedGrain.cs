using Orleans.Concurrency;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Journal;

/// <summary>Reads the latest decisions across accounts from the journal; stateless, so every silo serves it locally.</summary>
[StatelessWorker]
public sealed class DecisionFeedGrain(ITradeJournal journal) : Grain, IDecisionFeedGrain
{
    public const int MaxLimit = 500;

    public async Task<IReadOnlyList<DecisionRecord>> GetLatestAsync(int limit) =>
        await journal.GetLatestDecisionsAsync(Math.Clamp(limit, 1, MaxLimit));
}
