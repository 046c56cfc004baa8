namespace OrleansTrading.Client.Connection;

/// <summary>Where the client connects: one gateway of the cluster identified by its cluster and service ids.</summary>
public sealed record ClusterTarget(GatewayAddress Gateway, string ClusterId, string ServiceId)
{
    public override string ToString() => $"{Gateway} (cluster '{ClusterId}', service '{ServiceId}')";
}
