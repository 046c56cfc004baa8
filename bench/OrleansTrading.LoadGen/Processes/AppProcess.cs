using System.Diagnostics;
using System.Net;

namespace OrleansTrading.LoadGen.Processes;

/// <summary>
/// One of our apps (the silo or the dashboard) as its own OS process, <c>dotnet &lt;assembly&gt;</c>, configured only by the
/// environment given here (inherited Trading__/Orleans__/Logging__/ASPNETCORE_ variables are removed). Its stdout and
/// stderr go to a log file. Disposing kills it (SIGKILL, whole tree).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly string[] InheritedPrefixes = ["Trading__", "Orleans__", "Kestrel__", "Logging__", "Dashboard__", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];
    private readonly Process _process;
    private readonly Task _copyOut;
    private readonly Task _copyErr;
    private readonly FileStream _log;

    private AppProcess(string name, Process process, FileStream log, string logPath, Uri baseAddress)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        _copyOut = CopyAsync(process.StandardOutput.BaseStream);
        _copyErr = CopyAsync(process.StandardError.BaseStream);
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>For start-up checks only; load goes through its own clients.</summary>
    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public static AppProcess Start(string name, string assembly, string workingDirectory, int httpPort,
        IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var key in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var process = new Process { StartInfo = start };
        if (!process.Start())
        {
            log.Dispose();
            throw new InvalidOperationException($"Could not start {name} ({assembly}).");
        }

        ChildProcesses.Track(process);
        return new AppProcess(name, process, log, logPath, new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>Waits until GET /health answers 200; fails early, with the log's tail, if the process exits.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy.{Tail()}");
            }

            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds:0} s (last: {last}).{Tail()}");
    }

    public ProcSample Sample() => ProcStat.Read(Pid);

    /// <summary>SIGKILL to the whole tree, then waits for the exit.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines = 30)
    {
        try
        {
            lock (_log)
            {
                _log.Flush();
            }

            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var all = reader.ReadToEnd().Split('\n');
            return $"{Environment.NewLine}--- last lines of {LogPath} ---{Environment.NewLine}{string.Join('\n', all.TakeLast(lines))}";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await KillAsync();
        try
        {
            await Task.WhenAll(_copyOut, _copyErr).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or ObjectDisposedException)
        {
            // The pipes closed with the process; whatever was copied is in the log.
        }

        ChildProcesses.Forget(_process);
        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task CopyAsync(Stream source)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer)) > 0)
        {
            lock (_log)
            {
                _log.Write(buffer, 0, read);
            }
        }
    }
}
