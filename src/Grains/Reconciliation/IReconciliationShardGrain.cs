namespace OrleansTrading.Grains.Reconciliation;

/// <summary>
/// Engine-internal: one of <see cref="ReconciliationShards.Count"/> grains that reconcile the accounts with exposure,
/// each every <c>Trading:Reconciliation:Interval</c> on one Orleans reminder, and revive them after a restart.
/// </summary>
[Alias("trading.IReconciliationShardGrain")]
public interface IReconciliationShardGrain : IGrainWithIntegerKey
{
    /// <summary>Adds the account to the durable list; answered once stored. Adding it again writes nothing.</summary>
    [Alias("MonitorAsync")]
    Task MonitorAsync(string accountId);

    /// <summary>Removes the account (it asks, from its own turn, once it has been flat long enough).</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string accountId);

    /// <summary>One sweep now (the reminder does this every interval); returns how many accounts got a full reconciliation.</summary>
    [Alias("SweepAsync")]
    Task<int> SweepAsync();
}
