using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansTrading.Dashboard.Live;

/// <summary>The dashboard is alive (it answers) and says whether it reaches the silo: degraded, not dead, without it.</summary>
public sealed class SiloConnectionHealthCheck(ActivityFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed.IsConnected
            ? HealthCheckResult.Healthy("connected to the silo")
            : HealthCheckResult.Degraded($"not connected to the silo: {feed.LastProblem ?? "connecting"}"));
}
