using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansTrading.Dashboard.Tests.EndToEnd;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium, headless), against a real silo, both as processes on free
/// loopback ports. The page is opened once and never reloaded: everything it shows arrives by push.
/// </summary>
public sealed class DashboardEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string OperatorPassword = "e2e-operator-secret";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dashboard-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private readonly int[] _ports = AppProcess.FreePorts(4);
    private AppProcess? _silo;
    private AppProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private int SiloHttpPort => _ports[0];
    private int GatewayPort => _ports[2];

    [Fact]
    public async Task The_page_shows_accounts_positions_decisions_and_stop_outs_live_fits_a_phone_survives_silo_and_dashboard_restarts_and_lets_a_signed_in_operator_halt()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            TimezoneId = "Europe/Berlin", // the user's zone, not the server's
        });
        page.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        await page.GotoAsync(_dashboard!.BaseAddress.ToString());
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("live");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("status-bar")).ToContainTextAsync("trading window off");
        await Expect(page.GetByTestId("time-zone")).ToHaveTextAsync("times in Europe/Berlin");

        // A new account appears.
        await PostAsync("/api/accounts", new { accountId = "e2e-1", initialBalance = 100000 });
        await Expect(page.GetByTestId("account-id").Filter(new() { HasText = "e2e-1" })).ToBeVisibleAsync();

        // An entry shows its position.
        await PutQuoteAsync("E2E", 100m, 100.05m);
        await PostAsync("/api/accounts/e2e-1/signals", new { signalId = "e2e-open", symbol = "E2E", side = "buy", quantity = 10, action = "open" });
        await Expect(page.GetByTestId("position-symbol").Filter(new() { HasText = "E2E" })).ToBeVisibleAsync();

        // A rejection shows in the decisions feed with its reason.
        await PostAsync("/api/accounts/e2e-1/signals", new { signalId = "e2e-locked", symbol = "OTHER", side = "buy", quantity = 1, action = "open" },
            expectSuccess: false);
        await Expect(page.GetByTestId("outcome").Filter(new() { HasText = "symbolLocked" })).ToBeVisibleAsync();

        // A crossing quote stops the position out; the realized loss turns red.
        await PutQuoteAsync("E2E", 97m, 97.05m);
        await Expect(page.GetByTestId("position-symbol")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("realized").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("loss"));
        await Expect(page.GetByTestId("realized").First).ToHaveCSSAsync("color", "rgb(244, 67, 54)"); // red, as the user sees it
        await SaveScreenshotAsync(page, "dashboard-wide.png", alsoToDocs: true);

        // The account page: the stop-out as a closed trade, and its equity chart.
        var accountPage = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await accountPage.GotoAsync(new Uri(_dashboard.BaseAddress, "/accounts/e2e-1").ToString());
        await Expect(accountPage.GetByTestId("trade-reason").First).ToHaveTextAsync("stopLoss");
        await Expect(accountPage.Locator("[data-testid=equity-chart], [data-testid=equity-chart] svg").First).ToBeVisibleAsync();
        await accountPage.CloseAsync();

        // Phone width: nothing scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await SaveScreenshotAsync(page, "dashboard-phone.png", alsoToDocs: false);
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow} px at 390 px");
        await page.SetViewportSizeAsync(1400, 1000);

        // The silo goes away: a banner within seconds; it comes back: the page recovers by itself.
        await _silo!.DisposeAsync();
        await Expect(page.GetByTestId("silo-banner")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        _silo = await StartSiloAsync("silo-restarted");
        await Expect(page.GetByTestId("silo-banner")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await PostAsync("/api/accounts", new { accountId = "e2e-2", initialBalance = 5000 });
        await Expect(page.GetByTestId("account-id").Filter(new() { HasText = "e2e-2" })).ToBeVisibleAsync();

        // The dashboard process itself goes away: Blazor's reconnect banner, in the dashboard's style, says the figures
        // are frozen; when a new dashboard process is up, the page reloads by itself (the old circuit is gone).
        await _dashboard.DisposeAsync();
        await Expect(page.GetByTestId("reconnect-banner")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("reconnect-banner")).ToContainTextAsync("frozen");
        await SaveScreenshotAsync(page, "dashboard-reconnecting.png", alsoToDocs: false);
        _dashboard = await StartDashboardAsync("dashboard-restarted");
        await Expect(page.GetByTestId("reconnect-banner")).ToBeHiddenAsync(new() { Timeout = 40_000 });
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("account-id").Filter(new() { HasText = "e2e-2" })).ToBeVisibleAsync();

        // Orleans' cluster view is behind the sign-in too.
        using (var anonymous = await _dashboard.Http.GetAsync("/orleans/"))
        {
            Assert.Equal("/signin", anonymous.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // Steering needs the operator sign-in: a wrong password is refused, the right one shows the controls,
        // and halting (after the confirmation dialog) halts trading in the grain.
        await Expect(page.GetByTestId("set-halted")).ToHaveCountAsync(0);
        await page.GetByTestId("signin-link").ClickAsync();
        await page.GetByTestId("operator-name").FillAsync("alice");
        await page.GetByTestId("operator-password").FillAsync("wrong");
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signin-error")).ToContainTextAsync("Wrong name or password");
        await page.GetByTestId("operator-name").FillAsync("alice");
        await page.GetByTestId("operator-password").FillAsync(OperatorPassword);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("operator-panel")).ToContainTextAsync("signed in as alice");
        await WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=control-reason] input, input[data-testid=control-reason]").FillAsync("e2e drill");
        await page.GetByTestId("set-halted").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "set halted" }).ClickAsync();
        await Expect(page.GetByTestId("kill-switch")).ToContainTextAsync("halted");
        using var killSwitch = await _silo!.Http.GetAsync("/api/kill-switch");
        var body = await killSwitch.Content.ReadAsStringAsync();
        Assert.Contains("\"state\":\"halted\"", body, StringComparison.Ordinal);
        Assert.Contains("e2e drill (by alice from the dashboard)", body, StringComparison.Ordinal);

        // Signed in, the cluster view opens.
        var cluster = await page.GotoAsync(new Uri(_dashboard.BaseAddress, "/orleans/").ToString());
        Assert.Equal(200, cluster!.Status);
        Assert.Contains("Orleans", await page.TitleAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The circuit is up: the layout marks itself once it has rendered interactively (not while prerendering).</summary>
    private static async Task WaitForInteractiveAsync(IPage page) =>
        await page.Locator("[data-interactive=true]").WaitForAsync();

    private async Task PostAsync(string path, object body, bool expectSuccess = true)
    {
        using var response = await _silo!.Http.PostAsJsonAsync(path, body);
        if (expectSuccess)
        {
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task PutQuoteAsync(string symbol, decimal bid, decimal ask)
    {
        using var response = await _silo!.Http.PutAsJsonAsync($"/api/quotes/{symbol}", new { bid, ask });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task SaveScreenshotAsync(IPage page, string name, bool alsoToDocs)
    {
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, name), FullPage = true });
        if (alsoToDocs && Environment.GetEnvironmentVariable("UPDATE_DOCS_SCREENSHOT") == "1")
        {
            var docs = Path.Combine(AppProcess.RepositoryRoot(), "docs");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, "dashboard.png"), bytes);
        }
    }

    private async Task<AppProcess> StartSiloAsync(string name)
    {
        var silo = AppProcess.Start(name, "Silo", "OrleansTrading.Silo.dll", SiloHttpPort, new Dictionary<string, string>
        {
            ["Orleans__SiloPort"] = _ports[1].ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Trading__Storage__ConnectionString"] = $"Data Source={Path.Combine(_root, "data", "trading.db")}",
            ["Trading__Storage__KnownDatabasesFile"] = Path.Combine(_root, "known-databases.json"),
            ["Trading__TradingWindow__Enabled"] = "false",
            ["Trading__Filters__MaxQuoteAge"] = "00:01:00",
            ["Logging__LogLevel__Default"] = "Warning",
        }, _log);
        await silo.WaitUntilHealthyAsync(StartTimeout);
        return silo;
    }

    private async Task<AppProcess> StartDashboardAsync(string name)
    {
        var dashboard = AppProcess.Start(name, "Dashboard", "OrleansTrading.Dashboard.dll", _ports[3], new Dictionary<string, string>
        {
            ["Orleans__Gateways"] = $"127.0.0.1:{GatewayPort}",
            ["Dashboard__OperatorPassword"] = OperatorPassword,
            ["Logging__LogLevel__Default"] = "Warning",
        }, _log);
        await dashboard.WaitUntilHealthyAsync(StartTimeout);
        return dashboard;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _silo = await StartSiloAsync("silo");
        _dashboard = await StartDashboardAsync("dashboard");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Debian's Chromium (Playwright's own browser download cannot work on these machines).</summary>
    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Chromium not found at {path}: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.");
    }
}
