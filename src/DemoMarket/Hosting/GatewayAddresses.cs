using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansTrading.DemoMarket.Hosting;

/// <summary>
/// Parses <c>Orleans:Gateways</c> ("host:port[,host:port...]", default localhost:30000), as the dashboard does; a bad
/// entry refuses the start naming the setting.
/// </summary>
public static class GatewayAddresses
{
    public const string Key = "Orleans:Gateways";
    public const string Default = "localhost:30000";

    public static IReadOnlyList<IPEndPoint> Parse(string? value)
    {
        var entries = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new DemoRefusedException($"{Key} must list at least one gateway as host:port, e.g. {Default}.");
        }

        return entries.Select(Endpoint).ToList();
    }

    private static IPEndPoint Endpoint(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new DemoRefusedException($"{Key} entry '{entry}' is not host:port (port 1-65535).");
        }

        var host = entry[..colon];
        if (IPAddress.TryParse(host, out var literal))
        {
            return new IPEndPoint(literal, port);
        }

        try
        {
            // Silos bind IPv4 by default: prefer an IPv4 address for a host name.
            var addresses = Dns.GetHostAddresses(host);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return address is null
                ? throw new DemoRefusedException($"{Key} host '{host}' does not resolve.")
                : new IPEndPoint(address, port);
        }
        catch (SocketException ex)
        {
            throw new DemoRefusedException($"{Key} host '{host}' does not resolve: {ex.Message}");
        }
    }
}
