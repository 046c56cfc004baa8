using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace OrleansTrading.Silo.Tests.OutOfProcess;

/// <summary>
/// The real silo (OrleansTrading.Silo.dll) as a separate OS process: <c>dotnet OrleansTrading.Silo.dll</c> in its own
/// working folder, on free loopback ports, configured only by environment variables, with stdout/stderr captured
/// into a shared <see cref="SiloLog"/>. <see cref="KillAsync"/> sends SIGKILL: no graceful shutdown, no flush.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const string SiloAssembly = "OrleansTrading.Silo.dll";
    private readonly System.Diagnostics.Process _process;
    private readonly SiloLog _log;
    private readonly string _name;

    private SiloProcess(System.Diagnostics.Process process, SiloLog log, string name, int httpPort, int siloPort, int gatewayPort)
    {
        _process = process;
        _log = log;
        _name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public HttpClient Http { get; }

    /// <summary>The Orleans silo-to-silo port it was given (unless the settings overrode it).</summary>
    public int SiloPort { get; }

    /// <summary>The Orleans gateway port it was given (unless the settings overrode it).</summary>
    public int GatewayPort { get; }

    /// <summary>Starts a silo on <paramref name="databasePath"/> and waits until GET /health answers 200.</summary>
    public static async Task<SiloProcess> StartAsync(string name, string databasePath, string workingDirectory, SiloLog log,
        TimeSpan healthTimeout, IReadOnlyDictionary<string, string>? settings = null)
    {
        var silo = Launch(name, databasePath, workingDirectory, log, settings);
        try
        {
            await silo.WaitUntilHealthyAsync(healthTimeout);
            log.Note($"{name} (pid {silo._process.Id}) healthy");
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a silo that is expected to refuse to start: waits for its exit and returns the exit code.</summary>
    public static async Task<int> StartExpectingRefusalAsync(string name, string databasePath, string workingDirectory, SiloLog log,
        TimeSpan timeout, IReadOnlyDictionary<string, string>? settings = null)
    {
        await using var silo = Launch(name, databasePath, workingDirectory, log, settings);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await silo._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{name} was expected to refuse to start but still runs after {timeout.TotalSeconds:0} s.{log.Dump()}");
        }

        silo._process.WaitForExit(); // drains the redirected output into the log
        log.Note($"{name} exited with code {silo._process.ExitCode}");
        return silo._process.ExitCode;
    }

    /// <summary>Starts a silo without waiting for anything (for a silo that is expected never to become healthy); dispose it to kill it.</summary>
    public static SiloProcess StartWithoutWaiting(string name, string databasePath, string workingDirectory, SiloLog log,
        IReadOnlyDictionary<string, string>? settings = null) => Launch(name, databasePath, workingDirectory, log, settings);

    /// <summary>Whether the process has exited (a silo that refused to start or crashed).</summary>
    public bool HasExited => _process.HasExited;

    private static SiloProcess Launch(string name, string databasePath, string workingDirectory, SiloLog log,
        IReadOnlyDictionary<string, string>? settings)
    {
        Directory.CreateDirectory(workingDirectory);
        var (httpPort, siloPort, gatewayPort) = FreeLoopbackPorts();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add(SiloDll());

        // Inherit nothing that could configure the silo: only what is set here applies.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("Trading__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("Orleans__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("Kestrel__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase) ||
                key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        env["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        env["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        env["Trading__Storage__ConnectionString"] = $"Data Source={databasePath}";
        env["Trading__TradingWindow__Enabled"] = "false";
        env["Trading__Filters__MaxQuoteAge"] = "00:01:00";
        env["Logging__LogLevel__Default"] = "Information";
        env["Logging__LogLevel__Microsoft"] = "Warning";
        env["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        env["Logging__LogLevel__Orleans"] = "Warning";
        env["Logging__LogLevel__Polly"] = "Warning";

        // Filter keys are plain prefixes: "Orleans" would also silence the engine's own OrleansTrading.* categories.
        env["Logging__LogLevel__OrleansTrading"] = "Information";
        env["Logging__Console__FormatterName"] = "simple";
        env["Logging__Console__FormatterOptions__SingleLine"] = "true";
        env["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        env["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        // The record of known databases lives outside the database's folder; keep the tests' own out of the user's.
        env["Trading__Storage__KnownDatabasesFile"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "..", "known-databases.json");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = new System.Diagnostics.Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => log.Append($"{name}:err", e.Data);
        log.Note($"starting {name}: {start.FileName} {SiloDll()} http={httpPort} silo={siloPort} gateway={gatewayPort} db={databasePath}");
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloProcess(process, log, name, httpPort, siloPort, gatewayPort);
    }

    /// <summary>SIGKILL (Process.Kill on Linux), then waits for the exit; returns the exit code.</summary>
    public async Task<int> KillAsync()
    {
        _log.Note($"SIGKILL {_name} (pid {_process.Id})");
        _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(timeout.Token);
        _log.Note($"{_name} exited with code {_process.ExitCode}");
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            _log.Note($"{_name} (pid {_process.Id}) did not exit within 15 s of SIGKILL");
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode} before it was healthy.{_log.Dump()}");
            }

            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Http.GetAsync("/health", cts.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cts.Token)}";
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{_name} was not healthy within {timeout.TotalSeconds:0} s (last: {last}).{_log.Dump()}");
    }

    /// <summary>The silo built next to the tests (the project reference copies it), or src/Silo's own build output.</summary>
    public static string SiloDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, SiloAssembly);
        if (File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json")))
        {
            return local;
        }

        // Fallback: walk up to the repo root and use src/Silo/bin/<configuration>/<tfm>/ of the same build.
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Silo", "bin", configuration, tfm, SiloAssembly);
            if (File.Exists(candidate) && File.Exists(Path.ChangeExtension(candidate, ".runtimeconfig.json")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"{SiloAssembly} with its runtimeconfig.json was found neither in {AppContext.BaseDirectory} nor in src/Silo/bin: build src/Silo first.");
    }

    /// <summary>The dotnet host that runs the tests (dotnet test sets DOTNET_HOST_PATH), else dotnet on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : "dotnet";
    }

    private static (int Http, int Silo, int Gateway) FreeLoopbackPorts()
    {
        // Hold all three listeners until every port is read, so the three differ.
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}

/// <summary>Everything the silo processes of one test wrote, in order, tagged by process; dumped into assertion messages.</summary>
public sealed class SiloLog
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

    /// <summary>The lines one source wrote (e.g. <c>second:err</c> for the process named second's stderr).</summary>
    public IReadOnlyList<string> Lines(string source)
    {
        var prefix = $"[{source}] ";
        return ToString().Split(Environment.NewLine).Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => l[prefix.Length..]).ToList();
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    /// <summary>The log, at most its last 30,000 characters, as a block to append to a failure message.</summary>
    public string Dump()
    {
        var text = ToString();
        if (text.Length > 30_000)
        {
            text = "...\n" + text[^30_000..];
        }

        return $"{Environment.NewLine}--- silo log ---{Environment.NewLine}{text}--- end of silo log ---";
    }
}

/// <summary>Reads the silo's SQLite file directly, read-only and unpooled, while a silo process may be writing it.</summary>
public static class JournalFile
{
    public static async Task<long> CountAsync(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(databasePath);
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<List<Dictionary<string, object?>>> RowsAsync(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(databasePath);
        await using var command = Command(connection, sql, parameters);
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task<SqliteConnection> OpenAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
