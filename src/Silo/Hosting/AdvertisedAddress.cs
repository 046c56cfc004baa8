using System.Net;
using System.Net.Sockets;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// The address the silo advertises (<see cref="Key"/>): an IP literal, or a host name resolved to an IPv4 address, e.g.
/// the Docker Compose service name, which resolves to the container's address. A silo that listens beyond loopback is
/// meant to be reached from elsewhere, so there a loopback address (a host name mapped to 127.0.1.1 in /etc/hosts is the
/// usual trap) is refused: peers would be told to connect to themselves.
/// </summary>
public static class AdvertisedAddress
{
    public const string Key = "Orleans:AdvertisedHost";

    /// <summary>
    /// Null when no host is configured; otherwise the address to advertise, preferring a non-loopback IPv4 address among
    /// those the name resolves to. Throws <see cref="StartupRefusedException"/> naming the setting when there is none usable.
    /// </summary>
    public static IPAddress? Resolve(string? host, bool listensBeyondLoopback, Func<string, IPAddress[]> lookup)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        host = host.Trim();
        var address = IPAddress.TryParse(host, out var literal) ? literal : Lookup(host, lookup);
        if (listensBeyondLoopback && IPAddress.IsLoopback(address))
        {
            throw new StartupRefusedException(
                $"{Key} '{host}' is the loopback address {address} while {GatewayExposure.ListenOnAnyAddressKey}=true: other hosts and " +
                "containers would be told to connect to themselves. Set it to a name or address they reach this silo by " +
                "(in Docker Compose, the service name).");
        }

        return address;
    }

    private static IPAddress Lookup(string host, Func<string, IPAddress[]> lookup)
    {
        IPAddress[] addresses;
        try
        {
            addresses = lookup(host);
        }
        catch (SocketException ex)
        {
            throw new StartupRefusedException($"{Key} '{host}' cannot be resolved: {ex.Message}", ex);
        }

        var ipv4 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToList();
        return ipv4.FirstOrDefault(a => !IPAddress.IsLoopback(a)) ?? ipv4.FirstOrDefault()
            ?? throw new StartupRefusedException($"{Key} '{host}' has no IPv4 address.");
    }
}
