using Orleans.Configuration;

namespace OrleansTrading.Dashboard.Hosting;

/// <summary>
/// With <c>Trading:Storage:Provider=PostgreSql</c> the silos form a cluster whose membership lives in PostgreSQL; the
/// dashboard then reads the gateway list from there (every live silo, whichever joined or died) instead of the fixed
/// <c>Orleans:Gateways</c>.
/// </summary>
public static class ClusterGateways
{
    private const string ProviderKey = "Trading:Storage:Provider";
    private const string ConnectionStringKey = "Trading:Storage:PostgreSqlConnectionString";

    /// <summary>How often the client re-reads the live gateways: a restarted or added silo takes dashboard traffic within this.</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>The connection string when the cluster is on PostgreSQL; null for the single-silo SQLite setup.</summary>
    public static string? PostgreSqlConnectionString(IConfiguration configuration) =>
        string.Equals(configuration[ProviderKey]?.Trim(), "PostgreSql", StringComparison.OrdinalIgnoreCase)
            ? configuration[ConnectionStringKey]
            : null;

    /// <summary>Problems with the cluster settings, each naming its key (the dashboard refuses to start on any).</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var provider = configuration[ProviderKey]?.Trim();
        if (!string.IsNullOrEmpty(provider) && !provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
            && !provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{ProviderKey} '{provider}' must be one of Sqlite, PostgreSql.";
        }
        else if (provider?.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase) == true && !IsValid(configuration[ConnectionStringKey]))
        {
            yield return $"{ConnectionStringKey} must be an Npgsql connection string with a Host and a Database when {ProviderKey} is PostgreSql.";
        }
    }

    public static IClientBuilder UseClusterGateways(this IClientBuilder client, string connectionString)
    {
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
        });
        client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = RefreshPeriod);
        return client;
    }

    private static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(value);
            return !string.IsNullOrWhiteSpace(builder.Host) && !string.IsNullOrWhiteSpace(builder.Database);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
