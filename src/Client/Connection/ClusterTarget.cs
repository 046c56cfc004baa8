using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Client.Connection;

/// <summary>
/// Where the client connects: one gateway of the cluster identified by its cluster and service ids, over mutual
/// TLS when <paramref name="Tls"/> is set.
/// </summary>
public sealed record ClusterTarget(GatewayAddress Gateway, string ClusterId, string ServiceId, GatewayTlsCredentials? Tls = null,
    string? ClusterDatabase = null)
{
    public override string ToString() =>
        $"{(ClusterDatabase is null ? Gateway.ToString() : $"the gateways listed in {DatabaseDescription(ClusterDatabase)}")} " +
        $"(cluster '{ClusterId}', service '{ServiceId}'{(Tls is null ? "" : ", mutual TLS")})";

    /// <summary>Host, port and database of a connection string, never its password.</summary>
    private static string DatabaseDescription(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
