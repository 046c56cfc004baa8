using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansTrading.AppHost;

/// <summary>Prints where to go once a project answers its health check: the addresses a newcomer clicks.</summary>
public static partial class ReadyAnnouncements
{
    public static IResourceBuilder<ProjectResource> AnnounceApiWhenReady(this IResourceBuilder<ProjectResource> silo, LocalRunSettings local) =>
        silo.OnResourceReady((_, ready, _) =>
        {
            LogApiReady(Logger(ready), local.ApiUrl, new Uri(local.ApiUrl, "health"), local.DatabasePath);
            return Task.CompletedTask;
        });

    public static IResourceBuilder<ProjectResource> AnnounceDashboardWhenReady(this IResourceBuilder<ProjectResource> dashboard, LocalRunSettings local) =>
        dashboard.OnResourceReady((_, ready, _) =>
        {
            LogDashboardReady(Logger(ready), local.DashboardUrl);
            return Task.CompletedTask;
        });

    private static ILogger Logger(ResourceReadyEvent ready) =>
        ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansTrading.AppHost");

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP API ready: {ApiUrl} (health {HealthUrl}); database {DatabasePath}")]
    private static partial void LogApiReady(ILogger logger, Uri apiUrl, Uri healthUrl, string databasePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trading dashboard ready: {DashboardUrl} (Ctrl+C stops everything)")]
    private static partial void LogDashboardReady(ILogger logger, Uri dashboardUrl);
}
