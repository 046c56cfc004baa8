using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OrleansTrading.Cluster.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL server from Debian's <c>postgresql</c> package: <c>initdb</c> into a temporary folder, started
/// with <c>pg_ctl</c> on a free loopback port, as the unprivileged <c>postgres</c> user when the tests run as root
/// (PostgreSQL refuses to run as root). Stopped (immediate) and deleted on dispose, and at process exit should a test
/// run be cut short. Each test asks for its own database.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private const string Superuser = "trading";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pg-test-" + Guid.NewGuid().ToString("N"));
    private string? _bin;
    private bool _started;

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "socket");

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(SocketDirectory);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-sync", "-N"], asPostgres: true);
        Port = FreeLoopbackPort();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopQuietly();
        // fsync off: these tests kill silos, never the database server, and a shared 2-core machine pays for every sync.
        var options = string.Join(' ', "-c listen_addresses=127.0.0.1", $"-p {Port}", $"-k {SocketDirectory}", "-c fsync=off",
            "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300", "-c shared_buffers=64MB");
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"], asPostgres: true);
        _started = true;
    }

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = Superuser,
            Pooling = true,
            MaxPoolSize = 50,
        }.ToString();

    public Task DisposeAsync()
    {
        StopQuietly();
        return Task.CompletedTask;
    }

    private void StopQuietly()
    {
        if (_started && _bin is not null)
        {
            _started = false;
            try
            {
                RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], asPostgres: true)
                    .GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped: nothing to clean but the folder.
            }
        }

        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The newest installed server's binaries (/usr/lib/postgresql/N/bin); a clear failure when there is none.</summary>
    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: these tests need Debian's server package (apt-get install -y postgresql; .ci/run installs it).");
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && IsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output} {await error}");
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "postgresql";
}
