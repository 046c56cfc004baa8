using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace OrleansTrading.Grains.Tests.Support;

/// <summary>Starts a one-silo in-process cluster running the real engine on a real SQLite file.</summary>
public static class TradingCluster
{
    /// <summary>Fixed so a cluster restarted on the same file finds its grains' state (ServiceId is part of the storage key).</summary>
    public const string ServiceId = "orleans-trading-tests";

    /// <summary>Each test database gets its own record of known databases, so parallel tests never share one.</summary>
    private static string KnownDatabasesFileBeside(string connectionString)
    {
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "known-databases.json");
    }

    /// <param name="services">Runs after the engine is added, so a test double registered here replaces the engine's service.</param>
    public static async Task<InProcessTestCluster> StartAsync(
        string connectionString, TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Trading:Storage:ConnectionString"] = connectionString,
                ["Trading:Storage:KnownDatabasesFile"] = KnownDatabasesFileBeside(connectionString),
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            host.Configuration.AddInMemoryCollection(values);
            host.Services.AddKeyedSingleton(TradingClock.Key, clock);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTradingEngine();
            services?.Invoke(silo.Services);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
