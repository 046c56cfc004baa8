namespace OrleansTrading.Grains.Reconciliation;

/// <summary>The durable list of accounts each reconciliation shard watches (<c>monitored_accounts</c>), in the configured database.</summary>
public interface IMonitoredAccounts
{
    /// <summary>Lists an account in a shard; an account already listed stays where it is.</summary>
    Task AddAsync(string accountId, int shard, CancellationToken cancellationToken = default);

    Task RemoveAsync(string accountId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListAsync(int shard, CancellationToken cancellationToken = default);
}
