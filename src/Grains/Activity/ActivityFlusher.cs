using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Activity;

/// <summary>
/// Sends this silo's collected changes to the activity hub every <see cref="ActivityOptions.FlushInterval"/>, and only
/// when something changed: subscribers get at most a few coalesced updates per second, whatever the signal rate.
/// Started with the silo (lifecycle stage Active), so grain calls are possible.
/// </summary>
internal sealed partial class ActivityFlusher(ActivityCollector collector, IGrainFactory grains, IOptions<TradingOptions> options,
    ILogger<ActivityFlusher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ActivityFlusher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Activity.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var batch = collector.TakeBatch();
                if (batch.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await grains.ActivityHub().PublishAsync(batch);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A lost batch costs a dashboard one update; it re-reads everything on its periodic refresh.
                    LogFlushFailed(ex, batch.ChangedAccounts.Count, batch.Decisions.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish activity ({Accounts} accounts, {Decisions} decisions)")]
    private partial void LogFlushFailed(Exception exception, int accounts, int decisions);
}
