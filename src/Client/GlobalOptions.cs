using System.CommandLine;
using OrleansTrading.Client.Connection;

namespace OrleansTrading.Client;

/// <summary>Options accepted by every command, before or after the command name.</summary>
public sealed class GlobalOptions
{
    public const string DefaultGateway = "localhost:30000";
    public const string DefaultClusterId = "orleans-trading";
    public const string DefaultServiceId = "orleans-trading";

    public Option<string> Gateway { get; } = new("--gateway")
    {
        Description = "The silo gateway as host:port (a hostname, an IPv4 address, or [IPv6]).",
        DefaultValueFactory = _ => DefaultGateway,
        Recursive = true,
    };

    /// <summary>The environment variable that stands in for <see cref="ClusterDatabase"/>.</summary>
    public const string ClusterDatabaseVariable = "ORLEANS_TRADING_CLUSTER_DATABASE";

    public Option<string?> ClusterDatabase { get; } = new("--cluster-database")
    {
        Description = "For a cluster on PostgreSQL: its database as an Npgsql connection string; the live silos' gateways are read " +
                      "from it instead of --gateway [env: " + ClusterDatabaseVariable + "].",
        Recursive = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = "The Orleans cluster id of the silo.",
        DefaultValueFactory = _ => DefaultClusterId,
        Recursive = true,
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = "The Orleans service id of the silo.",
        DefaultValueFactory = _ => DefaultServiceId,
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON (camelCase, enums as camelCase strings) instead of text.",
        Recursive = true,
    };

    public Option<string?> Certificate { get; } = new("--certificate")
    {
        Description = "This client's certificate with its private key (.pfx), for a silo that requires mutual TLS " +
                      "[env: " + ClientCertificateSettings.CertificateVariable + "].",
        Recursive = true,
    };

    public Option<string?> CertificatePassword { get; } = new("--certificate-password")
    {
        Description = "The password of the --certificate file; prefer the environment variable, which other users cannot see " +
                      "[env: " + ClientCertificateSettings.PasswordVariable + "].",
        Recursive = true,
    };

    public Option<string?> CaCertificate { get; } = new("--ca-certificate")
    {
        Description = "The CA (PEM or DER) that must have signed the silo's certificate [env: " + ClientCertificateSettings.CaVariable + "].",
        Recursive = true,
    };

    public Option<string?> ServerThumbprint { get; } = new("--server-thumbprint")
    {
        Description = "Instead of (or as well as) a CA: the silo certificate's SHA-1 or SHA-256 thumbprint, several separated by commas " +
                      "[env: " + ClientCertificateSettings.ThumbprintVariable + "].",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Gateway);
        root.Add(ClusterDatabase);
        root.Add(ClusterId);
        root.Add(ServiceId);
        root.Add(Json);
        root.Add(Certificate);
        root.Add(CertificatePassword);
        root.Add(CaCertificate);
        root.Add(ServerThumbprint);
    }
}
