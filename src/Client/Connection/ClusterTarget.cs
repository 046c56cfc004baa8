using OrleansTrading.GatewaySecurity;

namespace OrleansTrading.Client.Connection;

/// <summary>
/// Where the client connects: one gateway of the cluster identified by its cluster and service ids, over mutual
/// TLS when <paramref name="Tls"/> is set.
/// </summary>
public sealed record ClusterTarget(GatewayAddress Gateway, string ClusterId, string ServiceId, GatewayTlsCredentials? Tls = null)
{
    public override string ToString() => $"{Gateway} (cluster '{ClusterId}', service '{ServiceId}'{(Tls is null ? "" : ", mutual TLS")})";
}
