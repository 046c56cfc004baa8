using System.Runtime.InteropServices;

namespace OrleansTrading.AppHost.Tests.Infrastructure;

/// <summary>Signals a whole process group, as a terminal does for Ctrl+C (SIGINT to the foreground group).</summary>
public static partial class ProcessGroup
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/> to every process in group <paramref name="groupId"/>; false if none is left.</summary>
    public static bool Signal(int groupId, int signal) => kill(-groupId, signal) == 0;

    /// <summary>Sends <paramref name="signal"/> to one process; false if it is gone.</summary>
    public static bool SignalProcess(int processId, int signal) => kill(processId, signal) == 0;

    /// <summary>The process group of a process, read from /proc (field 5 of stat), or null if it is gone.</summary>
    public static int? GroupOf(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
