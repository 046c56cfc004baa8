using System.Net;
using System.Net.Sockets;

namespace OrleansTrading.Dashboard.Hosting;

/// <summary>Parses <c>Orleans:Gateways</c> ("host:port[,host:port...]") into endpoints; a bad entry fails the start naming the setting.</summary>
public static class GatewayList
{
    public const string Default = "localhost:30000";

    public static IReadOnlyList<IPEndPoint> Parse(string? value)
    {
        var entries = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new InvalidOperationException("Orleans:Gateways must list at least one gateway as host:port, e.g. localhost:30000.");
        }

        return entries.Select(Endpoint).ToList();
    }

    private static IPEndPoint Endpoint(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(entry[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Orleans:Gateways entry '{entry}' is not host:port (port 1-65535).");
        }

        var host = entry[..colon];
        if (IPAddress.TryParse(host, out var literal))
        {
            return new IPEndPoint(literal, port);
        }

        // Silos bind IPv4 by default: prefer an IPv4 address for a host name.
        var addresses = Dns.GetHostAddresses(host);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"Orleans:Gateways host '{host}' does not resolve.");
        return new IPEndPoint(address, port);
    }
}
