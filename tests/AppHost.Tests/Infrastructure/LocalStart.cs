using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansTrading.AppHost.Tests.Infrastructure;

/// <summary>
/// The README's first command, <c>dotnet run --project src/AppHost</c> (with <c>--no-build</c>: the solution build made
/// it), as a real process in its own process group like a command typed in a terminal. Its data folder and every port
/// it opens (silo, gateway, API, dashboard, the Aspire dashboard, its OTLP and resource-service endpoints) are
/// redirected by settings; every process it starts carries a marker in its environment, so the test can find and
/// kill them all.
/// </summary>
public sealed class LocalStart : IAsyncDisposable
{
    private const string MarkerVariable = "ORLEANS_TRADING_TEST_RUN";
    private readonly Process _process;
    private readonly StartLog _log;
    private readonly string _name;

    private LocalStart(string name, Process process, StartLog log, MarkedProcesses marked)
    {
        _name = name;
        _process = process;
        _log = log;
        Processes = marked;
    }

    public MarkedProcesses Processes { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the command; <paramref name="settings"/> become its environment variables, on top of a cleaned copy of
    /// ours, and <paramref name="arguments"/> go to the app host (after <c>--</c>).
    /// </summary>
    public static LocalStart Start(string name, IReadOnlyDictionary<string, string> settings, StartLog log, IReadOnlyList<string>? arguments = null)
    {
        var marker = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "dotnet", "run", "--no-build", "--configuration", Repository.Configuration, "--project", Path.Combine("src", "AppHost") })
        {
            start.ArgumentList.Add(argument);
        }

        if (arguments is { Count: > 0 })
        {
            start.ArgumentList.Add("--");
            arguments.ToList().ForEach(start.ArgumentList.Add);
        }

        // Nothing from the test host's environment may configure the run: only what is set here applies.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.Contains("__", StringComparison.Ordinal) ||
                key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("ASPIRE_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("DOTNET_DASHBOARD_", StringComparison.OrdinalIgnoreCase) ||
                key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment[MarkerVariable] = marker;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(name + ":err", e.Data);
        log.Note($"starting {name}: setsid {string.Join(' ', start.ArgumentList.Skip(1))}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return new LocalStart(name, process, log, new MarkedProcesses(MarkerVariable, marker));
    }

    /// <summary>What a terminal does on Ctrl+C: SIGINT to the command's whole process group.</summary>
    public void PressCtrlC()
    {
        // setsid made the command the leader of its own group (same pid, as it had no group to leave behind).
        var group = ProcessGroup.GroupOf(_process.Id);
        if (group != _process.Id)
        {
            throw new InvalidOperationException($"{_name} (pid {_process.Id}) does not lead its own process group (group {group}).");
        }

        _log.Note($"Ctrl+C: SIGINT to process group {group} of {_name}");
        ProcessGroup.Signal(_process.Id, ProcessGroup.SigInt);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // drains the redirected output into the log
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the command's group and every process that carries its marker, whatever state the test left them in.</summary>
    public async ValueTask DisposeAsync()
    {
        ProcessGroup.Signal(_process.Id, ProcessGroup.SigKill);
        await Processes.KillAllAsync(TimeSpan.FromSeconds(15));
        if (Processes.Alive() is { Count: > 0 } left)
        {
            _log.Note($"still alive after cleanup: {string.Join("; ", left)}");
        }

        try
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>Distinct free loopback ports, held together while chosen so they differ.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where the repository and the build this test belongs to are.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (bin/&lt;configuration&gt;/&lt;tfm&gt;/): the command runs the same build.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansTrading.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrleansTrading.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Everything the started commands wrote, in order, tagged by source; dumped into failure messages.</summary>
public sealed class StartLog
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public void Append(string source, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _text.Append('[').Append(source).Append("] ").AppendLine(line);
        }
    }

    public void Note(string line) => Append("test", $"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    /// <summary>The log, at most its last 40,000 characters, as a block to append to a failure message.</summary>
    public string Dump()
    {
        var text = ToString();
        if (text.Length > 40_000)
        {
            text = "...\n" + text[^40_000..];
        }

        return $"{Environment.NewLine}--- log ---{Environment.NewLine}{text}--- end of log ---";
    }
}
