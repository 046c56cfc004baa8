using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OrleansTrading.Grains;
using OrleansTrading.Grains.Storage;

namespace OrleansTrading.Silo.Tests.Infrastructure;

/// <summary>
/// The real silo (Program) behind an in-memory test server, isolated per instance: its own free loopback ports
/// for the silo and gateway, its own SQLite file in a temp folder (deleted on dispose), the trading window off,
/// and a <see cref="TestClock"/> as the engine's trading clock. One instance per test class (IClassFixture).
/// </summary>
public class SiloApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>A Tuesday, 10:00 in New York: a plain trading day, should the window ever be enabled.</summary>
    public static readonly DateTimeOffset StartTime = new(2025, 3, 4, 15, 0, 0, TimeSpan.Zero);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
    private string? _sqliteConnectionString;
    private bool _started;
    private bool _cleanedUp;

    public SiloApiFactory()
    {
        (SiloPort, GatewayPort) = FreeLoopbackPorts();
    }

    public TestClock Clock { get; } = new(StartTime);

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public string DatabasePath => Path.Combine(_dataDirectory, "trading.db");

    /// <summary>When not null, <c>Trading:Api:Key</c> is set to this value.</summary>
    protected virtual string? ApiKey => null;

    /// <summary>More settings for a derived factory.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting feeds host configuration, which Program sees before AddTradingSilo reads builder.Configuration.
        builder.UseSetting("Orleans:SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Trading:Storage:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Trading:TradingWindow:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Trading:Storage:KnownDatabasesFile", Path.Combine(_dataDirectory, "known-databases.json"));
        if (ApiKey is not null)
        {
            builder.UseSetting("Trading:Api:Key", ApiKey);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // A later keyed registration wins over the engine's TryAddKeyedSingleton(TimeProvider.System).
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(TradingClock.Key, Clock));
    }

    /// <summary>Starts the host (and the silo in it) once, before the first test of the class.</summary>
    public async Task InitializeAsync()
    {
        await Task.Run(() => _ = Server);
        _started = true;
        _sqliteConnectionString = Services.GetRequiredService<SqliteDatabase>().ConnectionString;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            CleanUp();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            CleanUp();
        }
    }

    private void CleanUp()
    {
        if (_cleanedUp)
        {
            return;
        }

        _cleanedUp = true;
        if (_started && _sqliteConnectionString is not null)
        {
            // Pooled connections keep the file open; release only this factory's pool.
            using var connection = new SqliteConnection(_sqliteConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            if (Directory.Exists(_dataDirectory))
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a file still held open by the OS must not fail the test run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static (int First, int Second) FreeLoopbackPorts()
    {
        // Hold both listeners until both ports are read so the two ports differ.
        var first = new TcpListener(IPAddress.Loopback, 0);
        var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        try
        {
            return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        }
        finally
        {
            first.Stop();
            second.Stop();
        }
    }
}

/// <summary>The same silo with <c>Trading:Api:Key</c> set, so every /api call needs <c>X-Api-Key</c>.</summary>
public sealed class ApiKeySiloApiFactory : SiloApiFactory
{
    public const string Key = "test-api-key-7f3a";

    protected override string? ApiKey => Key;
}
