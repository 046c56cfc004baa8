using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace OrleansTrading.AppHost;

/// <summary>
/// Copies every project's console output to this terminal, each line prefixed with the project's name, so a
/// refused start, an error or the shutdown is seen where the command was typed (the Aspire dashboard shows the
/// same logs). It keeps forwarding until the whole application has stopped, so the projects' last lines show too.
/// </summary>
public sealed class ResourceLogForwarder(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly Lock _console = new();
    private Task _forwarding = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _forwarding = Task.Run(() => ForwardAllAsync(lifetime.ApplicationStopped), CancellationToken.None);
        return Task.CompletedTask;
    }

    // Returns at once: the forwarding ends by itself when the application has stopped.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ForwardAllAsync(CancellationToken stopped)
    {
        var projects = model.Resources.OfType<ProjectResource>().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (projects.Count == 0)
        {
            return;
        }

        var width = projects.Max(name => name.Length);
        var forwarding = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            // Logs are kept per orchestrated instance, whose id (e.g. silo-abcdefgh) is known only once it is created.
            await foreach (var change in notifications.WatchAsync(stopped))
            {
                if (projects.Contains(change.Resource.Name) && !forwarding.ContainsKey(change.ResourceId))
                {
                    forwarding[change.ResourceId] = ForwardAsync(change.ResourceId, change.Resource.Name.PadRight(width), stopped);
                }
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
        }

        await Task.WhenAll(forwarding.Values);
    }

    private async Task ForwardAsync(string resourceId, string prefix, CancellationToken stopped)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stopped))
            {
                lock (_console)
                {
                    foreach (var line in batch)
                    {
                        (line.IsErrorMessage ? Console.Error : Console.Out).WriteLine($"{prefix} | {WithoutTimestamp(line.Content)}");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
        }
    }

    /// <summary>The orchestrator stamps each line with its arrival time; the projects' own log lines say enough.</summary>
    private static string WithoutTimestamp(string content)
    {
        var space = content.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && DateTimeOffset.TryParse(content.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
            ? content[(space + 1)..]
            : content;
    }
}
