using Microsoft.Extensions.Logging;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>
/// Sweeps every reconciliation shard once as soon as the silo is up (lifecycle stage Active), so the accounts listed
/// before a restart (kill -9 included) are re-activated and watched again at once rather than at the shards' first
/// reminder tick, up to one interval later. The reminders remain what keeps them swept afterwards.
/// </summary>
internal sealed partial class ReconciliationStarter(IGrainFactory grains, ILogger<ReconciliationStarter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ReconciliationStarter), ServiceLifecycleStage.Active, StartAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        // Not awaited: reviving many accounts takes a while, and the silo must not wait for it to accept calls.
        _ = Task.Run(() => Task.WhenAll(Enumerable.Range(0, ReconciliationShards.Count).Select(SweepAsync)), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task SweepAsync(int shard)
    {
        try
        {
            await grains.GetGrain<IReconciliationShardGrain>(shard).SweepAsync();
        }
        catch (Exception ex)
        {
            LogSweepFailed(ex, shard);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation shard {Shard} could not sweep at start-up; its reminder sweeps within one interval")]
    private partial void LogSweepFailed(Exception exception, int shard);
}
