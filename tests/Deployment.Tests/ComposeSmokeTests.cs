using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansTrading.Deployment.Tests.Support;
using Xunit.Abstractions;

namespace OrleansTrading.Deployment.Tests;

/// <summary>
/// The compose file without an engine: each service's command and environment (its image's ENV, then the compose
/// file's, translated to loopback by <see cref="LoopbackTranslation"/>) run as plain processes from this build. The
/// certificate maker's script makes the certificates with openssl, both apps pass the compose healthchecks, and a
/// signal sent through the API shows on the dashboard, which can only read it over the gateway's mutual TLS.
/// </summary>
public sealed partial class ComposeSmokeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    // Only for this test, on top of the compose settings: a signal accepted at any hour, and time to send it.
    private static readonly Dictionary<string, string> TestOnlySiloSettings = new()
    {
        ["Trading__TradingWindow__Enabled"] = "false",
        ["Trading__Filters__MaxQuoteAge"] = "00:01:00",
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "compose-smoke-" + Guid.NewGuid().ToString("N"));
    private readonly List<LocalProcess> _processes = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private void Step(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    [Fact]
    public async Task The_compose_services_run_on_loopback_and_the_dashboard_shows_a_signal_read_over_mutual_tls()
    {
        var variables = ComposeVariables.Test();
        var compose = ComposeFile.Load(variables);
        var translation = new LoopbackTranslation(compose, _root);

        // 1. The one-shot certificate maker, as its image runs it; a second run changes nothing.
        var certs = compose["gateway-certs"];
        var (certsCommand, certsEnvironment, certsTranslated) = Command(translation, certs);
        Assert.Equal(["DASHBOARD_CERTS_DIR", "SILO_CERTS_DIR"], certsTranslated);
        var first = await RunToEndAsync("gateway-certs", certsCommand, certsEnvironment);
        Assert.Contains(first.StandardOutput, l => l.StartsWith("gateway certificates: new CA", StringComparison.Ordinal));
        var siloPfx = Path.Combine(translation.VolumeFolder("silo-certs"), "silo.pfx");
        var issued = await File.ReadAllBytesAsync(siloPfx);
        var again = await RunToEndAsync("gateway-certs-again", certsCommand, certsEnvironment);
        Assert.Contains(again.StandardOutput, l => l.Contains("nothing to do", StringComparison.Ordinal));
        Assert.Equal(issued, await File.ReadAllBytesAsync(siloPfx));
        Assert.False(File.Exists(Path.Combine(translation.VolumeFolder("silo-certs"), "ca.key")), "the CA key must not stay beside the silo");
        Assert.Equal(["ca.crt", "client.pfx"], Directory.GetFiles(translation.VolumeFolder("dashboard-certs")).Select(Path.GetFileName).Order());

        Step("certificates made, and found again");
        // 2. The silo, healthy by its compose healthcheck.
        var siloService = compose["silo"];
        var (siloCommand, siloEnvironment, siloTranslated) = Command(translation, siloService);
        Assert.Equal(["ASPNETCORE_URLS", "Orleans__AdvertisedHost", "Orleans__GatewayPort", "Orleans__ListenOnAnyAddress", "Orleans__SiloPort",
            "Orleans__Tls__CaCertificatePath", "Orleans__Tls__CertificatePath", "Trading__Storage__ConnectionString", "Trading__Storage__KnownDatabasesFile"], siloTranslated);
        foreach (var (key, value) in TestOnlySiloSettings)
        {
            siloEnvironment[key] = value;
        }

        var silo = Start("silo", siloCommand, siloEnvironment);
        await WaitForHealthCheckAsync(translation, siloService, silo);
        Step("silo healthy by its compose healthcheck");
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{translation.PortOf("silo", 8080)}"), Timeout = TimeSpan.FromSeconds(20) };

        // 3. The dashboard, healthy by its healthcheck, then connected to the silo.
        var dashboardService = compose["dashboard"];
        var (dashboardCommand, dashboardEnvironment, dashboardTranslated) = Command(translation, dashboardService);
        Assert.Equal(["ASPNETCORE_URLS", "Dashboard__DataProtectionKeysPath", "Orleans__Gateways", "Orleans__Tls__CaCertificatePath", "Orleans__Tls__CertificatePath"], dashboardTranslated);
        var dashboard = Start("dashboard", dashboardCommand, dashboardEnvironment);
        await WaitForHealthCheckAsync(translation, dashboardService, dashboard);
        Step("dashboard healthy by its compose healthcheck");
        using var cookies = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var page = new HttpClient(cookies) { BaseAddress = new Uri($"http://127.0.0.1:{translation.PortOf("dashboard", 8080)}"), Timeout = TimeSpan.FromSeconds(20) };
        await WaitForAsync(async () => await page.GetStringAsync("/health") == "Healthy", TimeSpan.FromSeconds(60), "the dashboard's /health to say Healthy (connected to the silo)", silo, dashboard);

        Step("dashboard connected to the silo");
        // 4. The API takes the key from TRADING_API_KEY, and a signal trades.
        using (var noKey = await api.GetAsync("/api/accounts"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        }

        api.DefaultRequestHeaders.Add("X-Api-Key", variables[ComposeVariables.ApiKey]);
        var account = "va-compose-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/accounts", new { accountId = account, initialBalance = 100000 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync("/api/quotes/AAPL", new { bid = 100, ask = 100.05m })).StatusCode);
        using var signal = await api.PostAsJsonAsync($"/api/accounts/{account}/signals",
            new { signalId = "s-compose-1", symbol = "AAPL", side = "buy", quantity = 10, action = "open" });
        var decision = JsonDocument.Parse(await signal.Content.ReadAsStringAsync()).RootElement;
        Assert.True(signal.StatusCode == HttpStatusCode.OK, $"{signal.StatusCode}: {decision}{Logs(silo, dashboard)}");
        Assert.Equal("accepted", decision.GetProperty("status").GetString());

        Step("signal accepted");
        // 5. The dashboard renders the account from its grain client: position, order and decision. The silo accepts no
        //    gateway client without a certificate from the generated CA, so this is the mutual-TLS connection working.
        var accountPage = await page.GetStringAsync($"/accounts/{account}");
        Assert.Contains(account, accountPage, StringComparison.Ordinal);
        Assert.Contains("AAPL", accountPage, StringComparison.Ordinal);
        Assert.Contains("s-compose-1", accountPage, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", accountPage, StringComparison.Ordinal);
        Assert.Contains("does not exist", await page.GetStringAsync("/accounts/va-never-created"), StringComparison.Ordinal);
        Assert.Contains(silo.StandardOutput, l => l.Contains("requires mutual TLS", StringComparison.Ordinal));

        Step("dashboard shows the account");
        // 6. The operator password from TRADING_OPERATOR_PASSWORD signs in, and guards Orleans' cluster view.
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync("/orleans/")).StatusCode);
        Assert.Equal("/signin?error=failed", await SignInAsync(page, "wrong-" + variables[ComposeVariables.OperatorPassword]));
        Assert.Equal("/", await SignInAsync(page, variables[ComposeVariables.OperatorPassword]));
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/orleans/")).StatusCode);

        Step("operator signed in");
        // 6b. A recreated dashboard container (a new home folder, the same volumes) still honours that sign-in: its key
        //     ring is in the dashboard-keys volume, not in the container.
        await dashboard.DisposeAsync();
        var recreatedHome = Path.Combine(_root, "home", "dashboard-recreated");
        Directory.CreateDirectory(recreatedHome);
        dashboardEnvironment["HOME"] = recreatedHome;
        dashboard = Start("dashboard-recreated", dashboardCommand, dashboardEnvironment);
        await WaitForHealthCheckAsync(translation, dashboardService, dashboard);
        Assert.NotEmpty(Directory.GetFiles(translation.VolumeFolder("dashboard-keys"), "*.xml"));
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/orleans/")).StatusCode);

        Step("operator still signed in after the dashboard was recreated");
        // 7. State in the data volume; every line both apps wrote to stdout is a structured (JSON) log entry.
        Assert.True(File.Exists(Path.Combine(translation.VolumeFolder("trading-data"), "db", "trading.db")));
        Assert.True(File.Exists(Path.Combine(translation.VolumeFolder("trading-data"), "known-databases.json")));
        foreach (var app in new[] { silo, dashboard })
        {
            Assert.NotEmpty(app.StandardOutput);
            foreach (var line in app.StandardOutput)
            {
                using var entry = JsonDocument.Parse(line);
                foreach (var field in new[] { "Timestamp", "LogLevel", "Category", "Message" })
                {
                    Assert.True(entry.RootElement.TryGetProperty(field, out _), $"{app.Name} wrote a log line without {field}: {line}");
                }
            }
        }
    }

    /// <summary>A service's command (its image's ENTRYPOINT, run from this build) and its translated environment.</summary>
    private (string[] Command, Dictionary<string, string> Environment, string[] Translated) Command(LoopbackTranslation translation, ComposeService service)
    {
        var image = Dockerfile.Load(service.Dockerfile!);
        var (environment, translated) = translation.EnvironmentFor(service, image.Final.Environment());
        environment["HOME"] = Path.Combine(_root, "home", service.Name); // the container user's own home, not the test runner's
        Directory.CreateDirectory(environment["HOME"]);

        var entrypoint = image.Final.All("ENTRYPOINT").Single().ExecForm!;
        string[] command = entrypoint[0] switch
        {
            // A .NET app: the image's /app holds its publish output; here, the same project's build output.
            "dotnet" => [DotnetHost(), Path.Combine(Repository.BuildOutput(Path.GetFileName(Path.GetDirectoryName(service.Dockerfile!))!), entrypoint[1])],
            // A script the image copied in: the same file from the repository.
            "sh" => ["sh", Repository.PathOf(CopiedFrom(image, entrypoint[1]))],
            _ => throw new InvalidDataException($"{service.Dockerfile}: no local equivalent for ENTRYPOINT {string.Join(' ', entrypoint)}"),
        };
        return (command, environment, [.. translated]);
    }

    private static string CopiedFrom(Dockerfile image, string destination) =>
        image.Final.All("COPY").Select(Dockerfile.ParseCopy).Single(c => c.Destination == destination && !c.Flags.ContainsKey("from")).Sources.Single();

    private LocalProcess Start(string name, string[] command, Dictionary<string, string> environment)
    {
        var workingDirectory = command[0] == "sh" ? _root : Path.GetDirectoryName(command[1])!;
        var process = LocalProcess.Start(name, command[0], command[1..], workingDirectory, environment);
        _processes.Add(process);
        return process;
    }

    private async Task<LocalProcess> RunToEndAsync(string name, string[] command, Dictionary<string, string> environment)
    {
        var process = Start(name, command, environment);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"{name} exited with {exitCode}{Environment.NewLine}{process.Log()}");
        return process;
    }

    /// <summary>Runs the service's compose healthcheck (bash's /dev/tcp against its port) until it passes.</summary>
    private async Task WaitForHealthCheckAsync(LoopbackTranslation translation, ComposeService service, LocalProcess app)
    {
        Assert.Equal(["CMD", "bash", "-c"], service.HealthCheck.Take(3));
        var probe = translation.HealthProbe(service, service.HealthCheck[3]);
        await WaitForAsync(async () =>
        {
            await using var check = LocalProcess.Start($"{service.Name}-healthcheck", "bash", ["-c", probe], _root, new Dictionary<string, string>());
            return await check.WaitForExitAsync(TimeSpan.FromSeconds(10)) == 0;
        }, StartTimeout, $"{service.Name}'s compose healthcheck to pass", app);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, params LocalProcess[] apps)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (apps.FirstOrDefault(a => a.HasExited) is { } gone)
            {
                Assert.Fail($"{gone.Name} exited with {gone.ExitCode} while waiting for {what}.{Logs(apps)}");
            }

            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                // not yet
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.{Logs(apps)}");
    }

    /// <summary>The sign-in form as a browser posts it (antiforgery token included); returns where it redirects.</summary>
    private static async Task<string> SignInAsync(HttpClient page, string password)
    {
        var form = await page.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(form).Groups["token"].Value;
        Assert.False(string.IsNullOrEmpty(token), "no antiforgery token on /signin");
        using var response = await page.PostAsync("/operator/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["operatorName"] = "compose-smoke",
            ["password"] = password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static string Logs(params LocalProcess[] apps) => Environment.NewLine + string.Join(Environment.NewLine, apps.Select(a => a.Log()));

    /// <summary>The dotnet host that runs the tests (dotnet test sets DOTNET_HOST_PATH), else dotnet on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="(?<token>[^"]+)"|value="(?<token>[^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryToken();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held open: the temp folder is cleaned up by the system later.
        }
    }
}
