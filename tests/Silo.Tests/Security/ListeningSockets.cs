using System.Globalization;
using System.Net;

namespace OrleansTrading.Silo.Tests.Security;

/// <summary>
/// The addresses the kernel has listening sockets on for a port, read from /proc/net/tcp and tcp6 (Linux): what a
/// process really bound, whatever it advertises.
/// </summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static IReadOnlyList<IPAddress> On(int port) =>
        Read("/proc/net/tcp", port).Concat(Read("/proc/net/tcp6", port)).ToList();

    private static IEnumerable<IPAddress> Read(string table, int port)
    {
        if (!File.Exists(table))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(table).Skip(1))
        {
            // "  sl  local_address rem_address   st ...", local_address as hex "ADDRESS:PORT".
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != ListenState)
            {
                continue;
            }

            var local = fields[1].Split(':');
            if (int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            {
                yield return Address(local[0]);
            }
        }
    }

    /// <summary>The kernel prints each 32-bit word of the address in host (little-endian) order.</summary>
    private static IPAddress Address(string hex)
    {
        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            for (var i = 0; i < 4; i++)
            {
                bytes[(word * 4) + i] = byte.Parse(hex.AsSpan((word * 8) + ((3 - i) * 2), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return new IPAddress(bytes);
    }
}
