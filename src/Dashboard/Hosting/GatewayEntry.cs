namespace OrleansTrading.Dashboard.Hosting;

/// <summary>One entry of <c>Orleans:Gateways</c>: a host (name or IP literal) and a port, resolved only when used.</summary>
public sealed record GatewayEntry(string Host, int Port)
{
    public override string ToString() => $"{Host}:{Port}";
}
