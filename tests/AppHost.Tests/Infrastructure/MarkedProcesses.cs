using System.Text;

namespace OrleansTrading.AppHost.Tests.Infrastructure;

/// <summary>
/// Every live process that carries one test's marker in its environment. The orchestrator (dcp) detaches from the
/// command into its own session and starts the projects from there, so a walk down the process tree from the command
/// misses them; the environment, which each of them inherits, does not.
/// </summary>
public sealed class MarkedProcesses(string variable, string value)
{
    private readonly byte[] _entry = Encoding.UTF8.GetBytes($"{variable}={value}\0");

    public IReadOnlyList<RunningProcess> Alive()
    {
        var found = new List<RunningProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id) || id == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (IsZombie(directory) || !Contains(File.ReadAllBytes(Path.Combine(directory, "environ")), _entry))
                {
                    continue;
                }

                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                found.Add(new RunningProcess(id, commandLine));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone while we looked.
            }
        }

        return found;
    }

    /// <summary>SIGKILL to every marked process, until none is left or <paramref name="timeout"/> passes.</summary>
    public async Task KillAllAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Alive() is { Count: > 0 } left && DateTime.UtcNow < deadline)
        {
            foreach (var process in left)
            {
                ProcessGroup.SignalProcess(process.Id, ProcessGroup.SigKill);
            }

            await Task.Delay(100);
        }
    }

    // A zombie has exited and only waits for its parent to read its status: it is gone for our purpose.
    private static bool IsZombie(string directory)
    {
        var stat = File.ReadAllText(Path.Combine(directory, "stat"));
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private static bool Contains(byte[] environment, byte[] entry)
    {
        // Entries are NUL-separated: match at the start or right after a NUL.
        var span = environment.AsSpan();
        var at = 0;
        while (at < span.Length)
        {
            var index = span[at..].IndexOf(entry);
            if (index < 0)
            {
                return false;
            }

            var start = at + index;
            if (start == 0 || span[start - 1] == 0)
            {
                return true;
            }

            at = start + 1;
        }

        return false;
    }
}

public sealed record RunningProcess(int Id, string CommandLine)
{
    public override string ToString() => $"{Id} {(CommandLine.Length > 140 ? CommandLine[..140] + "..." : CommandLine)}";
}
