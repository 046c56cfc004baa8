using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansTrading.Grains;

namespace OrleansTrading.Bench;

/// <summary>
/// One silo running the real engine (<see cref="TradingSiloBuilderExtensions.AddTradingEngine"/>) on a fresh SQLite
/// file in its own temp folder, with the co-hosted cluster client. Disposing stops the silo and deletes the folder
/// unless it is kept.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    public const string ServiceId = "orleans-trading-bench";

    private readonly IHost _host;
    private readonly bool _keep;
    private bool _stopped;

    private BenchSilo(IHost host, string folder, string databasePath, bool keep, WarningCounter warnings)
    {
        _host = host;
        Folder = folder;
        DatabasePath = databasePath;
        _keep = keep;
        Warnings = warnings;
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public WarningCounter Warnings { get; }

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Turns at the engine's SQLite write gate so far (each at most one commit).</summary>
    public long GateUses => _host.Services.GetRequiredService<OrleansTrading.Grains.Storage.SqliteDatabase>().Writer.Units;

    /// <param name="folder">An earlier silo's folder, to start again on its database file; null = a fresh one.</param>
    public static async Task<BenchSilo> StartAsync(string synchronous, int history, bool keep, string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "orleans-trading-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var databasePath = Path.Combine(folder, "trading.db");
        var settings = new Dictionary<string, string?>
        {
            ["Trading:Storage:ConnectionString"] = $"Data Source={databasePath}",
            ["Trading:Storage:Synchronous"] = synchronous,
            // The bench runs at any hour and publishes one quote per scenario.
            ["Trading:TradingWindow:Enabled"] = "false",
            ["Trading:Filters:MaxQuoteAge"] = "01:00:00",
            // One quote per run serves the whole run, so it must stay fresh and acceptable for an hour.
            ["Trading:Quotes:MaxPublicationAge"] = "01:00:00",
        };
        if (history > 0)
        {
            settings["Trading:Governor:SignalHistorySize"] = history.ToString(CultureInfo.InvariantCulture);
        }

        // No defaults: no appsettings, environment variables or console logger can change what is measured.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var warnings = new WarningCounter();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(warnings);
        var ports = FreeLoopbackPorts(2);
        var (siloPort, gatewayPort) = (ports[0], ports[1]);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: ServiceId);
            silo.AddTradingEngine();
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            DeleteFolder(folder);
            throw;
        }

        return new BenchSilo(host, folder, databasePath, keep, warnings);
    }

    /// <summary>Stops the silo (grains deactivate, the data source is disposed); the file stays until disposal.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (!_keep)
        {
            DeleteFolder(Folder);
        }
    }

    private static void DeleteFolder(string folder)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizing connection: the OS temp cleaner will take it.
        }
    }

    /// <summary>Distinct ports the OS reports free on loopback (all listeners are held until every port is picked).</summary>
    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
