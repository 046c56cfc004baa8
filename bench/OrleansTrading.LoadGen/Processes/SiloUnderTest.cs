using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OrleansTrading.LoadGen.Processes;

/// <summary>
/// The real silo (the built src/Silo) as a separate process on a fresh SQLite file in its own temp folder, on free
/// loopback ports. Its defaults apply except: the trading window is off, the database and the record of known
/// databases live in the temp folder, plus whatever the scenario and the command line name. It can be killed with
/// SIGKILL and started again on the same file.
/// </summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    public const string ClusterId = "orleans-trading"; // the silo's defaults (appsettings.json)
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _assembly;
    private readonly bool _keep;
    private int _starts;

    private SiloUnderTest(string folder, string assembly, IReadOnlyDictionary<string, string> environment, bool keep)
    {
        Folder = folder;
        _assembly = assembly;
        _environment = environment;
        _keep = keep;
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "trading.db");

    public AppProcess Process { get; private set; } = null!;

    public int GatewayPort { get; private set; }

    public Uri BaseAddress => Process.BaseAddress;

    /// <summary>The settings the silo ran with beyond its defaults, for the report.</summary>
    public IReadOnlyDictionary<string, string> Settings => _environment;

    /// <summary>Starts a silo on a fresh database and waits until /health answers 200.</summary>
    public static async Task<SiloUnderTest> StartAsync(string assembly, IReadOnlyDictionary<string, string> settings, bool keep)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orleans-trading-loadgen", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Trading__Storage__ConnectionString"] = $"Data Source={Path.Combine(folder, "trading.db")}",
            ["Trading__Storage__KnownDatabasesFile"] = Path.Combine(folder, "known-databases.json"),
            ["Trading__TradingWindow__Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            environment[ToEnvironmentKey(key)] = value;
        }

        var silo = new SiloUnderTest(folder, assembly, environment, keep);
        try
        {
            await silo.StartProcessAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, no flush.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <summary>A new silo process on the same database (new ports); returns once it has been started, not yet healthy.</summary>
    public async Task RestartAsync()
    {
        await Process.DisposeAsync();
        Launch();
    }

    public Task WaitUntilHealthyAsync() => Process.WaitUntilHealthyAsync(StartTimeout);

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (!_keep)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }

    /// <summary><c>Trading:Storage:Synchronous</c> and <c>Trading__Storage__Synchronous</c> name the same setting.</summary>
    public static string ToEnvironmentKey(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private async Task StartProcessAsync()
    {
        Launch();
        await WaitUntilHealthyAsync();
    }

    private void Launch()
    {
        var ports = FreePorts.Take(3);
        GatewayPort = ports[2];
        var environment = new Dictionary<string, string>(_environment)
        {
            ["Orleans__SiloPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
        };
        _starts++;
        Process = AppProcess.Start($"silo#{_starts}", _assembly, Folder, ports[0], environment, Path.Combine(Folder, "silo.log"));
    }

    public override string ToString() => $"silo pid {Process?.Pid} at {Process?.BaseAddress} gateway 127.0.0.1:{GatewayPort} in {Folder}";
}
