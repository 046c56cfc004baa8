using System.Net;
using System.Net.Sockets;

namespace OrleansTrading.LoadGen.Processes;

public static class FreePorts
{
    /// <summary>Distinct ports the OS reports free on loopback (every listener is held until all are picked).</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
