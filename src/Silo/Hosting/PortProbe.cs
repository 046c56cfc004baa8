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
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    public static void EnsureFree(IPAddress address, int port, string setting)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            // SO_REUSEADDR alone (not .NET's ReuseAddress, which adds SO_REUSEPORT): a port left in TIME_WAIT by a killed
            // silo is free for a restart, while a port another process listens on still fails the bind.
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }

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
