using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansTrading.AppHost.Tests.Infrastructure;

/// <summary>The dashboard of the local start, in Debian's Chromium: the demo's accounts trade on the page.</summary>
public static class DemoPage
{
    public static async Task ExpectTradingAsync(Uri dashboard, string artifacts)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(dashboard.ToString());
        var expect = new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 };
        await Expect(page.GetByTestId("account-id").Filter(new() { HasText = "demo-" }).First).ToBeVisibleAsync(expect);
        await Expect(page.GetByTestId("status-bar")).ToContainTextAsync("Demo market", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("outcome").Filter(new() { HasText = "accepted" }).First).ToBeVisibleAsync(expect);
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "local-start-demo.png"), FullPage = true });
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Chromium not found at {path}: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.");
    }
}
