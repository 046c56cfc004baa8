using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansTrading.AppHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansTrading.AppHost.Tests;

/// <summary>
/// The README's first command, run as a user runs it: it brings up the silo with its API and the dashboard, the
/// dashboard shows what the API did, Ctrl+C stops every process it started within seconds, and the next run resumes
/// the same account and position from the data folder.
/// </summary>
public sealed class OneCommandStartTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Generous: CI runs this beside the other test assemblies on two cores.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "orleans-trading-apphost-" + Guid.NewGuid().ToString("N"));
    private readonly StartLog _log = new();
    private readonly List<LocalStart> _runs = [];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var run in _runs)
        {
            await run.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task One_command_starts_silo_dashboard_and_a_trading_demo_stops_everything_on_ctrl_c_and_the_next_run_resumes_the_account_and_its_position()
    {
        var ports = LocalStart.FreePorts(7);
        var (api, dashboard) = (ports[0], ports[1]);
        var dataDirectory = Path.Combine(_root, "data");
        var settings = new Dictionary<string, string>
        {
            ["LocalRun__DataDirectory"] = dataDirectory,
            ["LocalRun__ApiPort"] = LocalStart.Port(api),
            ["LocalRun__DashboardPort"] = LocalStart.Port(dashboard),
            ["LocalRun__SiloPort"] = LocalStart.Port(ports[2]),
            ["LocalRun__GatewayPort"] = LocalStart.Port(ports[3]),
            // The Aspire dashboard, its OTLP receiver and the resource service it reads.
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[4]}",
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports[5]}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{ports[6]}",
            // Every process inherits the command's environment: the silo takes these. The trading window is not
            // touched: the local start's demo ignores it (and says so), which this test relies on at any hour. The
            // test's own quote may take longer than 500 ms to reach its signal on a busy machine.
            ["Trading__Filters__MaxQuoteAge"] = "00:01:00",
            ["Trading__Storage__KnownDatabasesFile"] = Path.Combine(_root, "known-databases.json"),
        };
        using var apiClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}"), Timeout = TimeSpan.FromSeconds(20) };
        using var dashboardClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboard}"), Timeout = TimeSpan.FromSeconds(20) };
        var accountId = "local-" + Guid.NewGuid().ToString("N")[..8];

        // First run: up, an account with a position, visible on the dashboard.
        var first = Begin("first", settings);
        var firstStart = await WaitUntilHealthyAsync(first, apiClient, dashboardClient);
        await WaitForLineAsync($"http://localhost:{api}/", "the API's address");
        await WaitForLineAsync($"http://localhost:{dashboard}/", "the dashboard's address");

        // The demo market trades by itself: within a minute its accounts have entries and rejections, in the API and
        // in the dashboard page in a real browser.
        var demoWait = Stopwatch.StartNew();
        await Poll.UntilAsync(() => GetAsync(apiClient, "/api/decisions?limit=500"), HasDemoEntriesAndRejections,
            TimeSpan.FromSeconds(60), "demo accounts with accepted and rejected signals");
        var demoInApi = demoWait.Elapsed;
        await DemoPage.ExpectTradingAsync(new Uri($"http://127.0.0.1:{dashboard}/"), Path.Combine(AppContext.BaseDirectory, "artifacts"));
        var demoInPage = demoWait.Elapsed;

        await SendAsync(apiClient, HttpMethod.Post, "/api/accounts", new { accountId, initialBalance = 100000 });
        await SendAsync(apiClient, HttpMethod.Put, "/api/quotes/LOCALRUN", new { bid = 100, ask = 100.05m });
        var decision = await SendAsync(apiClient, HttpMethod.Post, $"/api/accounts/{accountId}/signals",
            new { signalId = "open-1", symbol = "LOCALRUN", side = "buy", quantity = 10, action = "open" });
        Assert.True(decision.GetProperty("status").GetString() == "accepted" && decision.GetProperty("filledQuantity").GetDecimal() == 10m,
            $"the entry was not filled: {decision}{_log.Dump()}");
        var before = await GetAsync(apiClient, $"/api/accounts/{accountId}");
        var homePage = await Poll.UntilAsync(() => dashboardClient.GetStringAsync("/"), html => html.Contains(accountId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), $"the dashboard's home page to list {accountId}");
        Assert.Contains(accountId, homePage);

        var firstStop = await StopWithCtrlCAsync(first);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "trading.db")), $"no database in the redirected data folder {dataDirectory}{_log.Dump()}");

        // Second run on the same data folder: the same account, balance and position.
        var second = Begin("second", settings);
        var secondStart = await WaitUntilHealthyAsync(second, apiClient, dashboardClient);
        var after = await GetAsync(apiClient, $"/api/accounts/{accountId}");
        Assert.Equal(before.GetProperty("balance").GetDecimal(), after.GetProperty("balance").GetDecimal());
        var position = Assert.Single(after.GetProperty("positions").EnumerateArray());
        Assert.Equal("LOCALRUN", position.GetProperty("symbol").GetString());
        Assert.Equal(10m, position.GetProperty("quantity").GetDecimal());
        await Poll.UntilAsync(() => dashboardClient.GetStringAsync("/"), html => html.Contains(accountId, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), $"the restarted dashboard to list {accountId}");
        var secondStop = await StopWithCtrlCAsync(second);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demo trading after healthy: in the API {demoInApi.TotalSeconds:0.0} s, in the page {demoInPage.TotalSeconds:0.0} s; start (command to both /health 200): first {firstStart.TotalSeconds:0.0} s, second {secondStart.TotalSeconds:0.0} s; " +
            $"stop (Ctrl+C to the command exited and every process gone): first {firstStop.TotalSeconds:0.0} s, second {secondStop.TotalSeconds:0.0} s"));
    }

    private static bool HasDemoEntriesAndRejections(JsonElement decisions)
    {
        var demo = decisions.EnumerateArray()
            .Where(d => d.GetProperty("accountId").GetString()!.StartsWith("demo-", StringComparison.Ordinal))
            .Select(d => d.GetProperty("status").GetString())
            .ToList();
        return demo.Contains("accepted") && demo.Contains("rejected");
    }

    [Fact]
    public async Task A_bad_port_setting_refuses_the_start_naming_the_key_and_starts_nothing()
    {
        // As the README writes it: dotnet run --project src/AppHost -- --LocalRun:ApiPort=...
        var run = Begin("refused", new Dictionary<string, string> { ["LocalRun__DataDirectory"] = Path.Combine(_root, "data") },
            ["--LocalRun:ApiPort=70000"]);

        Assert.True(await run.WaitForExitAsync(TimeSpan.FromMinutes(2)), $"the command still runs{_log.Dump()}");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("LocalRun:ApiPort must be a port number from 1 to 65535, not '70000'", _log.ToString());
        Assert.Empty(run.Processes.Alive());
        Assert.False(Directory.Exists(Path.Combine(_root, "data")), "the refused start created the data folder");
    }

    [Fact]
    public async Task A_silo_that_refuses_to_start_stops_the_whole_command_with_exit_code_1_and_its_reason_on_screen()
    {
        var ports = LocalStart.FreePorts(7);
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, ports[3]);
        taken.Start(); // the gateway port: the silo refuses to start, naming the setting

        var run = Begin("gateway-taken", new Dictionary<string, string>
        {
            ["LocalRun__DataDirectory"] = Path.Combine(_root, "data"),
            ["LocalRun__ApiPort"] = LocalStart.Port(ports[0]),
            ["LocalRun__DashboardPort"] = LocalStart.Port(ports[1]),
            ["LocalRun__SiloPort"] = LocalStart.Port(ports[2]),
            ["LocalRun__GatewayPort"] = LocalStart.Port(ports[3]),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[4]}",
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{ports[5]}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{ports[6]}",
            ["Trading__Storage__KnownDatabasesFile"] = Path.Combine(_root, "known-databases.json"),
        });

        Assert.True(await run.WaitForExitAsync(StartTimeout), $"the command still runs{_log.Dump()}");
        var log = _log.ToString();
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}{_log.Dump()}");
        Assert.Contains($"refusing to start: Orleans:GatewayPort {ports[3]} is already in use", log);
        Assert.Contains("silo ended on its own", log);
        await Poll.UntilAsync(() => Task.FromResult(run.Processes.Alive()), left => left.Count == 0, StopLimit,
            $"every process of the command to be gone{_log.Dump()}");
    }

    private LocalStart Begin(string name, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string>? arguments = null)
    {
        var run = LocalStart.Start(name, settings, _log, arguments);
        _runs.Add(run);
        return run;
    }

    /// <summary>Waits until the silo's and the dashboard's /health both answer 200 (the dashboard's: connected to the silo).</summary>
    private async Task<TimeSpan> WaitUntilHealthyAsync(LocalStart run, HttpClient api, HttpClient dashboard)
    {
        var clock = Stopwatch.StartNew();
        while (!(await IsHealthyAsync(api) && await IsHealthyAsync(dashboard)))
        {
            Assert.False(run.HasExited, $"the command exited with {(run.HasExited ? run.ExitCode : 0)} before it was up{_log.Dump()}");
            Assert.True(clock.Elapsed < StartTimeout, $"not up within {StartTimeout.TotalSeconds:0} s{_log.Dump()}");
            await Task.Delay(250);
        }

        _log.Note($"up after {clock.Elapsed.TotalSeconds:0.0} s");
        var started = run.Processes.Alive();
        Assert.True(started.Any(p => p.CommandLine.Contains("OrleansTrading.Silo", StringComparison.Ordinal)) &&
                    started.Any(p => p.CommandLine.Contains("OrleansTrading.Dashboard", StringComparison.Ordinal)) &&
                    started.Any(p => p.CommandLine.Contains("/dcp ", StringComparison.Ordinal)),
            $"expected the silo, the dashboard and the orchestrator among the command's processes: {string.Join("; ", started)}{_log.Dump()}");
        return clock.Elapsed;
    }

    /// <summary>Ctrl+C, then the time until the command has exited (code 0) and none of its processes is left.</summary>
    private async Task<TimeSpan> StopWithCtrlCAsync(LocalStart run)
    {
        var started = run.Processes.Alive();
        var clock = Stopwatch.StartNew();
        run.PressCtrlC();
        Assert.True(await run.WaitForExitAsync(StopLimit), $"the command still runs {StopLimit.TotalSeconds:0} s after Ctrl+C{_log.Dump()}");
        var exited = clock.Elapsed;
        IReadOnlyList<RunningProcess> left;
        while ((left = run.Processes.Alive()).Count > 0 && clock.Elapsed < StopLimit)
        {
            await Task.Delay(50);
        }

        var gone = clock.Elapsed;
        _log.Note($"Ctrl+C: command exited after {exited.TotalSeconds:0.00} s, every process gone after {gone.TotalSeconds:0.00} s");
        Assert.True(left.Count == 0,
            $"still running {StopLimit.TotalSeconds:0} s after Ctrl+C: {string.Join("; ", left)} (of {string.Join("; ", started)}){_log.Dump()}");
        Assert.True(run.ExitCode == 0, $"the command exited with {run.ExitCode} after Ctrl+C{_log.Dump()}");
        return gone;
    }

    private async Task WaitForLineAsync(string text, string what) =>
        await Poll.UntilAsync(() => Task.FromResult(_log.ToString()), log => log.Contains(text, StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), $"the command to print {what} ({text}){_log.Dump()}");

    private static async Task<bool> IsHealthyAsync(HttpClient client)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var response = await client.GetAsync("/health", cts.Token);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}{_log.Dump()}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}{_log.Dump()}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
