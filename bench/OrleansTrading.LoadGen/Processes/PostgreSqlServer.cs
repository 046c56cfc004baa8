using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace OrleansTrading.LoadGen.Processes;

/// <summary>
/// A throw-away PostgreSQL server from Debian's <c>postgresql</c> package for the cluster scenario: initdb into a temp
/// folder, pg_ctl on a free loopback port (as the <c>postgres</c> user when run as root), stopped and deleted on
/// dispose. Durability settings are the server's defaults (fsync and synchronous_commit on): the commit rate measured is
/// the real one.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleans-trading-loadgen-pg-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _bin;
    private bool _running;

    private PostgreSqlServer(string bin) => _bin = bin;

    public int Port { get; private set; }

    public string Version { get; private set; } = "";

    public static async Task<PostgreSqlServer> StartAsync()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        var server = new PostgreSqlServer(bin ?? throw new InvalidOperationException("the cluster scenario needs Debian's postgresql (apt-get install -y postgresql)."));
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "socket"));
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", Path.Combine(_root, "data"), "-U", "trading", "--auth=trust", "--encoding=UTF8", "-N"], asPostgres: true);
        Port = FreePorts.Take(1)[0];
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {Path.Combine(_root, "socket")} -c max_connections=300";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"], asPostgres: true);
        _running = true;
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        Version = connection.PostgreSqlVersion.ToString();
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = "trading", MaxPoolSize = 50 }.ToString();

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Transactions committed in a database so far (<c>pg_stat_database.xact_commit</c>, every client's).</summary>
    public async Task<long> CommitsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        // The statistics are per backend until flushed: ask for a fresh snapshot.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot();", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = $1;", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_running)
        {
            _running = false;
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"], asPostgres: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var asRoot = asPostgres && Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (asRoot ? new[] { "-u", "postgres", "--", program } : []).Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await output} {await error}");
        }
    }
}
