using OrleansTrading.Abstractions;
namespace OrleansTrading.Grains.Reconciliation;

/// <summary>Which reconciliation shard an account belongs to: a stable hash of its id (never string.GetHashCode, which changes per process).</summary>
public static class ReconciliationShards
{
    public const int Count = 16;

    public static int Of(string accountId)
    {
        var hash = 2166136261u;
        foreach (var c in accountId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }

    public static IReconciliationShardGrain Shard(this IGrainFactory grains, string accountId) =>
        grains.Get<IReconciliationShardGrain>(Of(accountId));
}
