using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using OrleansTrading.LoadGen.Load;
using OrleansTrading.LoadGen.Processes;

namespace OrleansTrading.LoadGen.Scenarios;

/// <summary>What the dashboard process, the browser and the page did during a measured window.</summary>
public sealed record DashboardObservation(
    bool PageOpen,
    ResourceUse Dashboard,
    ResourceUse Browser,
    int Samples,
    int Changes,
    double LongestUnchangedSeconds,
    LatencySummary Interaction,
    int InteractionFailures,
    string? AccountsShown,
    string? Problem)
{
    public bool KeptUpdating => PageOpen && Samples > 0 && Changes > 0 && LongestUnchangedSeconds < 5;
}

/// <summary>
/// The dashboard (the built src/Dashboard, its defaults, connected to the silo's gateway) as its own process, and one
/// page open in headless Chromium (/usr/bin/chromium through Playwright). During the window the page is watched: the
/// newest row of its decisions feed is read twice a second (it must keep changing under load), and every few seconds
/// a filter is typed into that feed and the time until the page shows the filtered result is measured (an input
/// round trip through the Blazor circuit: is the page responsive). Without <paramref name="openPage"/> only the
/// dashboard process runs (its subscription and live view, no browser): to tell its cost from the browser's.
/// </summary>
public sealed class DashboardAttachment(ScenarioContext context, bool openPage) : IRunAttachment
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string NewestDecision = "() => document.querySelector('[data-testid=decisions] tbody tr')?.innerText ?? ''";
    private const string NoMatch = "zz-no-such-account";
    private AppProcess? _dashboard;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;
    private int _siloPid;
    private ResourceMeter? _dashboardMeter;
    private ResourceMeter? _browserMeter;
    private CancellationTokenSource? _watch;
    private Task<(int Samples, int Changes, double LongestGap, List<double> Interactions, int Failures)>? _watcher;

    public async Task AttachAsync(SiloUnderTest silo)
    {
        _siloPid = silo.Process.Pid;
        var port = FreePorts.Take(1)[0];
        ScenarioContext.Log($"  starting the dashboard on port {port} and a page in Chromium ...");
        _dashboard = AppProcess.Start("dashboard", context.DashboardAssembly, RepoPaths.ProjectFolder("Dashboard"), port,
            new Dictionary<string, string> { ["Orleans__Gateways"] = $"127.0.0.1:{silo.GatewayPort}" },
            Path.Combine(silo.Folder, "dashboard.log"));
        await _dashboard.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        if (!openPage)
        {
            ScenarioContext.Log("  dashboard connected, no page open");
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        _page.SetDefaultTimeout(60_000);
        await _page.GotoAsync(_dashboard.BaseAddress.ToString());
        await _page.Locator("[data-testid=connection]").Filter(new() { HasText = "live" }).WaitForAsync();
        await _page.Locator("[data-interactive=true]").WaitForAsync();
        ScenarioContext.Log("  page open and live");
    }

    public void WindowStarted()
    {
        _dashboardMeter = ResourceMeter.ForProcess(_dashboard!.Pid).Start();
        var own = Environment.ProcessId;
        var excluded = new[] { _siloPid, _dashboard.Pid };
        _browserMeter = new ResourceMeter(() => ProcStat.ReadTree(own, excluded)).Start();
        _watch = new CancellationTokenSource();
        _watcher = openPage ? WatchAsync(_page!, _watch.Token) : Task.FromResult((0, 0, 0.0, new List<double>(), 0));
    }

    public async Task<DashboardObservation> WindowEndedAsync()
    {
        var dashboard = await _dashboardMeter!.StopAsync();
        var browser = await _browserMeter!.StopAsync();
        await _watch!.CancelAsync();
        string? problem = null;
        var watched = (Samples: 0, Changes: 0, LongestGap: 0.0, Interactions: new List<double>(), Failures: 0);
        try
        {
            // A page whose main thread hangs would never answer an evaluate: bounded, and reported.
            watched = await _watcher!.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            problem = $"page: {ex.Message.Split('\n')[0]}";
        }

        string? accounts = null;
        try
        {
            if (openPage)
            {
                accounts = await _page!.Locator(".mud-chip", new() { HasTextString = "accounts" }).First.InnerTextAsync(new() { Timeout = 10_000 });
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            problem ??= $"accounts chip: {ex.Message.Split('\n')[0]}";
        }

        if (_dashboard!.HasExited)
        {
            problem = $"the dashboard process exited.{_dashboard.Tail()}";
        }

        var observation = new DashboardObservation(openPage, dashboard, browser, watched.Samples, watched.Changes, watched.LongestGap,
            LatencySummary.FromMilliseconds(watched.Interactions), watched.Failures, accounts?.Trim(), problem);
        ScenarioContext.Log(FormattableString.Invariant(
            $"  dashboard CPU {dashboard.Cores:F2} cores (RSS {dashboard.RssMbPeak:F0} MB), browser CPU {browser.Cores:F2} cores; page: {observation.Changes} changes in {observation.Samples} samples, longest unchanged {observation.LongestUnchangedSeconds:F1} s, filter round trip p50 {observation.Interaction.P50Ms:F0} / max {observation.Interaction.MaxMs:F0} ms ({observation.InteractionFailures} failed), '{observation.AccountsShown}'"));
        return observation;
    }

    public async ValueTask DisposeAsync()
    {
        _watch?.Dispose();
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
    }

    /// <summary>Two loops on the same page: the newest decision read twice a second, and a filter typed every 5 s.</summary>
    private static async Task<(int Samples, int Changes, double LongestGap, List<double> Interactions, int Failures)> WatchAsync(IPage page, CancellationToken stop)
    {
        var filtered = new StrongBox<bool>(false);
        var sampling = SampleAsync(page, filtered, stop);
        var interacting = InteractAsync(page, filtered, stop);
        var (samples, changes, longest) = await sampling;
        var (interactions, failures) = await interacting;
        return (samples, changes, longest, interactions, failures);
    }

    private static async Task<(int Samples, int Changes, double LongestGap)> SampleAsync(IPage page, StrongBox<bool> filtered, CancellationToken stop)
    {
        var (samples, changes, longest) = (0, 0, 0.0);
        var last = await page.EvaluateAsync<string>(NewestDecision);
        var lastChange = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var current = await page.EvaluateAsync<string>(NewestDecision);
                if (Volatile.Read(ref filtered.Value))
                {
                    continue; // the feed shows the filter's result, not the newest decision
                }

                samples++;
                if (!string.Equals(current, last, StringComparison.Ordinal))
                {
                    changes++;
                    longest = Math.Max(longest, lastChange.Elapsed.TotalSeconds);
                    lastChange.Restart();
                    last = current;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The window ended.
        }

        return (samples, changes, Math.Max(longest, lastChange.Elapsed.TotalSeconds));
    }

    private static async Task<(List<double> Interactions, int Failures)> InteractAsync(IPage page, StrongBox<bool> filtered, CancellationToken stop)
    {
        var interactions = new List<double>();
        var failures = 0;
        var filter = page.Locator("[data-testid=decisions] input").First;
        var noRecords = page.Locator("[data-testid=decisions]").GetByText("No decisions yet.");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                // Type a filter that matches nothing and time until the feed says so: keyboard to server and back.
                Volatile.Write(ref filtered.Value, true);
                var typed = Stopwatch.StartNew();
                try
                {
                    await filter.FillAsync(NoMatch, new() { Timeout = 10_000 });
                    await noRecords.WaitForAsync(new() { Timeout = 10_000 });
                    interactions.Add(typed.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
                {
                    failures++;
                }

                try
                {
                    await filter.FillAsync("", new() { Timeout = 30_000 });
                    await noRecords.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
                }
                catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
                {
                    // Still filtered after 30 s: counted, and the watch goes on.
                    failures++;
                }

                Volatile.Write(ref filtered.Value, false);
            }
        }
        catch (OperationCanceledException)
        {
            // The window ended.
        }

        return (interactions, failures);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"dashboard pid {_dashboard?.Pid}");
}
