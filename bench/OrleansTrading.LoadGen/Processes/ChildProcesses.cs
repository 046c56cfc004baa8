using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansTrading.LoadGen.Processes;

/// <summary>
/// Every process this generator started, so none outlives it: killed (SIGKILL, whole tree) on normal exit, on Ctrl+C
/// and on an unhandled exception.
/// </summary>
public static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static void Track(Process process) => Running[process.Id] = process;

    public static void Forget(Process process) => Running.TryRemove(process.Id, out _);

    public static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        Running.Clear();
    }
}
