using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansTrading.LoadGen.Processes;

/// <summary>CPU time and resident memory of a process, read from <c>/proc/&lt;pid&gt;/stat</c> (Linux only).</summary>
public readonly record struct ProcSample(TimeSpan Cpu, long RssBytes, bool Alive)
{
    public static readonly ProcSample Gone = new(TimeSpan.Zero, 0, false);

    public static ProcSample operator +(ProcSample a, ProcSample b) => new(a.Cpu + b.Cpu, a.RssBytes + b.RssBytes, a.Alive || b.Alive);
}

public static class ProcStat
{
    private const int ScClockTicks = 2; // _SC_CLK_TCK on Linux
    private static readonly long ClockTicks = Math.Max(1, Sysconf(ScClockTicks));

    /// <summary>utime + stime (all threads) and RSS of one process; <see cref="ProcSample.Gone"/> once it has exited.</summary>
    public static ProcSample Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return ProcSample.Gone;
        }
        catch (UnauthorizedAccessException)
        {
            return ProcSample.Gone;
        }

        // The command name (field 2) may contain spaces and parentheses: the fixed fields start after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime = field 14, stime = field 15, rss = field 24 (pages).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var rssPages = long.Parse(fields[21], CultureInfo.InvariantCulture);
        return new ProcSample(TimeSpan.FromSeconds((double)ticks / ClockTicks), rssPages * Environment.SystemPageSize, true);
    }

    /// <summary>The parent pid of a process, or null when it is gone.</summary>
    public static int? ParentOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Every living descendant of <paramref name="root"/> (children, grandchildren, ...), not the root itself.</summary>
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var result = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var current = frontier.Dequeue();
            foreach (var (pid, parent) in parents)
            {
                if (parent == current)
                {
                    result.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return result;
    }

    /// <summary>The sum over a process tree rooted at <paramref name="root"/>, excluding the subtrees in <paramref name="excluded"/>.</summary>
    public static ProcSample ReadTree(int root, IReadOnlyCollection<int> excluded)
    {
        var excludedTrees = excluded.SelectMany(e => Descendants(e).Append(e)).ToHashSet();
        var total = new ProcSample(TimeSpan.Zero, 0, false);
        foreach (var pid in Descendants(root).Where(p => !excludedTrees.Contains(p)))
        {
            total += Read(pid);
        }

        return total;
    }

    /// <summary>The 1-, 5- and 15-minute load averages as the kernel prints them.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long Sysconf(int name);
}
