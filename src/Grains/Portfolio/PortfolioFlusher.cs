using OrleansTrading.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Portfolio;

/// <summary>
/// Sends this silo's collected account figures to the portfolio grain every <see cref="ActivityOptions.FlushInterval"/>,
/// when any changed. A failed send puts them back for the next tick (newer figures of the same account win).
/// </summary>
internal sealed partial class PortfolioFlusher(PortfolioCollector collector, IGrainFactory grains, IOptions<TradingOptions> options,
    ILogger<PortfolioFlusher> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PortfolioFlusher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

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
                var figures = collector.Take();
                if (figures.Count == 0)
                {
                    continue;
                }

                try
                {
                    await grains.Get<IPortfolioFeedGrain>(0).ReportAsync(figures);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    collector.Restore(figures);

                    LogFlushFailed(ex, figures.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Accounts} accounts' figures to the portfolio; retrying at the next flush")]
    private partial void LogFlushFailed(Exception exception, int accounts);
}
