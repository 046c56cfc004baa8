using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// Healthy when the database file is still the one opened and a grain backed by SQLite storage answers: the silo,
/// its scheduler and its storage work.
/// </summary>
public sealed class EngineHealthCheck(IGrainFactory grains, DatabaseStatus database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (database.Problem is { } problem)
        {
            return HealthCheckResult.Unhealthy(problem);
        }

        try
        {
            var status = await grains.KillSwitch().GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"kill-switch {status.State}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The engine did not answer.", ex);
        }
    }
}
