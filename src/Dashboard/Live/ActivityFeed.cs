using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Live;

/// <summary>
/// The dashboard process's one subscription to the engine's pushed changes, shared by every browser circuit:
/// circuits listen to <see cref="Changed"/> in-process, so the silo's fan-out does not grow with open pages.
/// Renewed every few seconds (well inside the hub's expiry), which also re-creates it after a silo restart and
/// tells the page within seconds when the silo is away.
/// </summary>
public sealed partial class ActivityFeed(IClusterClient client, ILogger<ActivityFeed> logger) : BackgroundService, IActivityObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(3);

    private IActivityObserver? _reference;

    /// <summary>A coalesced batch of changes; raised on an Orleans thread, so components marshal with InvokeAsync.</summary>
    public event Action<ActivityBatch>? Changed;

    /// <summary>The connection came back (or was first made): pages re-read everything, as they may have missed changes.</summary>
    public event Action? Resynced;

    /// <summary>The connection state changed (see <see cref="IsConnected"/>).</summary>
    public event Action? ConnectionChanged;

    public bool IsConnected { get; private set; }

    public string? LastProblem { get; private set; }

    public Task OnActivityAsync(ActivityBatch batch)
    {
        Changed?.Invoke(batch);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Orleans holds observers weakly: this service is the strong reference for the process's lifetime.
        _reference = client.CreateObjectReference<IActivityObserver>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await client.ActivityHub().SubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
                SetConnected(true, null);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                SetConnected(false, ex.Message);
            }

            try
            {
                await Task.Delay(RenewEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_reference is not null && IsConnected)
        {
            try
            {
                await client.ActivityHub().UnsubscribeAsync(_reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogUnsubscribeFailed(ex);
            }
        }

        await base.StopAsync(cancellationToken);
    }

    private void SetConnected(bool connected, string? problem)
    {
        LastProblem = problem;
        if (connected == IsConnected)
        {
            return;
        }

        IsConnected = connected;
        if (connected)
        {
            LogConnected();
            Resynced?.Invoke();
        }
        else
        {
            LogDisconnected(problem);
        }

        ConnectionChanged?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to the engine's activity")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the engine: {Problem}")]
    private partial void LogDisconnected(string? problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not unsubscribe at shutdown")]
    private partial void LogUnsubscribeFailed(Exception exception);
}
