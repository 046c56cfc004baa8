using System.Net;
using System.Net.Sockets;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Hosting;

/// <summary>
/// Refuses a port that something already listens on. Orleans' listeners allow address reuse on Linux, so a second
/// silo on the same ports would start and the kernel would spread clients across both; a plain exclusive bind first
/// finds the port taken and the start is refused, naming the setting.
/// </summary>
public static class PortProbe
{
    public static void EnsureFree(IPAddress address, int port, string setting)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupRefusedException($"{setting} {port} is already in use on {address} (another silo?): stop it, or choose another port.", ex);
        }
    }
}
