using System.Net;
using System.Net.Sockets;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests.OutOfProcess;

/// <summary>
/// The database is the truth, and the silo knows when it has lost it: one silo per database file and per port,
/// a database deleted under a running silo stops every write, and a start on a path whose database is gone is refused.
/// </summary>
public sealed class DatabaseSafetyTests : IAsyncLifetime
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "silo-safety-" + Guid.NewGuid().ToString("N"));
    private readonly SiloLog _log = new();

    private string DatabasePath => Path.Combine(_root, "data", "trading.db");

    [Fact]
    public async Task A_second_silo_on_the_same_database_refuses_to_start_naming_the_file()
    {
        await using var first = await SiloProcess.StartAsync("first", DatabasePath, Path.Combine(_root, "first"), _log, HealthTimeout);

        var exitCode = await SiloProcess.StartExpectingRefusalAsync("second", DatabasePath, Path.Combine(_root, "second"), _log, HealthTimeout);

        Assert.Equal(1, exitCode);
        var refusal = Assert.Single(_log.Lines("second:err"), l => l.Contains("refusing to start", StringComparison.Ordinal));
        Assert.Contains(DatabasePath, refusal, StringComparison.Ordinal);
        Assert.Contains("in use by another silo", refusal, StringComparison.Ordinal);
        using var health = await first.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_bad_setting_or_a_database_in_use_refuses_the_start_in_one_line_without_a_stack_trace()
    {
        var exitCode = await SiloProcess.StartExpectingRefusalAsync("misconfigured", DatabasePath, Path.Combine(_root, "misconfigured"), _log, HealthTimeout,
            new Dictionary<string, string> { ["Trading__Filters__MaxSpreadBps"] = "-1" });

        Assert.Equal(1, exitCode);
        var output = _log.Lines("misconfigured").Concat(_log.Lines("misconfigured:err")).ToList();
        var line = Assert.Single(output);
        Assert.Equal("orleans-trading silo: refusing to start: Trading:Filters:MaxSpreadBps must not be negative.", line);

        await using var first = await SiloProcess.StartAsync("holder", DatabasePath, Path.Combine(_root, "holder"), _log, HealthTimeout);
        Assert.Equal(1, await SiloProcess.StartExpectingRefusalAsync("intruder", DatabasePath, Path.Combine(_root, "intruder"), _log, HealthTimeout));
        Assert.Single(_log.Lines("intruder").Concat(_log.Lines("intruder:err")));
    }

    [Fact]
    public async Task A_silo_whose_gateway_port_is_taken_refuses_to_start_naming_the_setting()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var exitCode = await SiloProcess.StartExpectingRefusalAsync("taken", DatabasePath, Path.Combine(_root, "taken"), _log, HealthTimeout,
                new Dictionary<string, string> { ["Orleans__GatewayPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

            Assert.Equal(1, exitCode);
            Assert.Contains(_log.Lines("taken:err"), l => l.Contains($"Orleans:GatewayPort {port} is already in use", StringComparison.Ordinal));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public async Task A_database_folder_deleted_under_a_running_silo_stops_writes_and_the_next_start_refuses()
    {
        var fastWatch = new Dictionary<string, string> { ["Trading__Storage__WatchInterval"] = "00:00:00.2" };
        await using (var silo = await SiloProcess.StartAsync("running", DatabasePath, Path.Combine(_root, "running"), _log, HealthTimeout, fastWatch))
        {
            await silo.Http.CreateAccountAsync("doomed");
            await silo.Http.PublishQuoteAsync("GONE", 100m, 100.05m);

            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            HttpStatusCode status;
            do
            {
                await Task.Delay(100);
                using var health = await silo.Http.GetAsync("/health");
                status = health.StatusCode;
            }
            while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);

            using var signal = await silo.Http.PostSignalAsync("doomed", TestApi.Signal("after-loss", "GONE", "buy", 1m, "open"));
            var problem = await signal.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(signal.Headers.RetryAfter);
            Assert.Contains("was deleted", problem.String("detail"), StringComparison.Ordinal);
            Assert.Contains(_log.Lines("running"), l => l.Contains("Storage lost", StringComparison.Ordinal) && l.Contains(DatabasePath, StringComparison.Ordinal));
            await silo.KillAsync();
        }

        var exitCode = await SiloProcess.StartExpectingRefusalAsync("restart", DatabasePath, Path.Combine(_root, "restart"), _log, HealthTimeout);

        Assert.Equal(1, exitCode);
        Assert.Contains(_log.Lines("restart:err"), l => l.Contains($"The database {DatabasePath}", StringComparison.Ordinal) && l.Contains("is gone", StringComparison.Ordinal));
        Assert.False(File.Exists(DatabasePath), "a refused start must not create an empty database");

        // The operator's explicit choice to start empty is honoured.
        await using var fresh = await SiloProcess.StartAsync("recreated", DatabasePath, Path.Combine(_root, "recreated"), _log, HealthTimeout,
            new Dictionary<string, string> { ["Trading__Storage__AllowRecreate"] = "true" });
        using var accounts = await fresh.Http.GetAsync("/api/accounts");
        Assert.Equal("[]", await accounts.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}
