using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansTrading.AppHost;

/// <summary>
/// One command means one fate: when a project exits on its own (a refused start, a crash), the local start says
/// which one and stops everything with exit code 1, instead of leaving a dashboard that waits for a silo that is gone.
/// </summary>
public sealed partial class LocalRunSupervisor(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IHostApplicationLifetime lifetime,
    ILogger<LocalRunSupervisor> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => LogStopping(logger));
        lifetime.ApplicationStopped.Register(() => LogStopped(logger));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var projects = model.Resources.OfType<ProjectResource>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (lifetime.ApplicationStopping.IsCancellationRequested || !projects.Contains(change.Resource.Name))
                {
                    continue;
                }

                var state = change.Snapshot.State?.Text;
                if (state is not null && KnownResourceStates.TerminalStates.Contains(state))
                {
                    LogProjectEnded(logger, change.Resource.Name, state, change.Snapshot.ExitCode);
                    Environment.ExitCode = 1;
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping every project (each gets SIGTERM and shuts down cleanly)...")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped.")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Project} ended on its own ({State}, exit code {ExitCode}); its log is above. Stopping everything.")]
    private static partial void LogProjectEnded(ILogger logger, string project, string state, int? exitCode);
}
