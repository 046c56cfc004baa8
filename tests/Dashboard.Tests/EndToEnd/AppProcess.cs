using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansTrading.Dashboard.Tests.EndToEnd;

/// <summary>
/// One of our apps (the silo or the dashboard) as its own OS process, run from its build output under src/ with only
/// the settings given here, its output captured; killed (SIGKILL) on dispose so no test leaves a process behind.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _name;

    private AppProcess(string name, Process process, StringBuilder log, int httpPort)
    {
        _name = name;
        _process = process;
        _log = log;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    public static AppProcess Start(string name, string project, string assembly, int httpPort, IReadOnlyDictionary<string, string> settings, StringBuilder log)
    {
        var folder = BuildOutput(project);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), "src", project),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, assembly));
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, name, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, name + ":err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(name, process, log, httpPort);
    }

    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode}.{Environment.NewLine}{_log}");
            }

            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{_name} was not healthy within {timeout.TotalSeconds:0} s.{Environment.NewLine}{_log}");
    }

    /// <summary>Waits for a process that is expected to stop by itself (a refused start) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_name} was still running after {timeout.TotalSeconds:0} s.{Environment.NewLine}{_log}");
        }

        // The asynchronous output readers finish after the process itself.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    /// <summary>Free loopback ports, held together while chosen so they differ.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansTrading.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("OrleansTrading.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>src/&lt;project&gt;/bin/&lt;configuration&gt;/&lt;tfm&gt; of the same build as these tests.</summary>
    private static string BuildOutput(string project)
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "src", project, "bin", configuration, tfm);
    }

    private static void Append(StringBuilder log, string source, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Append('[').Append(source).Append("] ").AppendLine(line);
        }
    }
}
