using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OrleansTrading.Abstractions;
using OrleansTrading.Dashboard.Components;

namespace OrleansTrading.Dashboard.Tests;

/// <summary>The page's tables rendered with bUnit: colours, ordering, countdown, plain-word reasons.</summary>
public sealed class ComponentTests
{
    /// <summary>MudBlazor's services dispose only asynchronously, so each test owns and awaits its context.</summary>
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddScoped<Presentation.BrowserTimeZone>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    [Fact]
    public async Task Profit_is_green_loss_is_red_and_a_cooldown_shows_its_countdown()
    {
        await using var context = NewContext();
        var accounts = new[]
        {
            Snapshots.Account("winner", realized: 250m),
            Snapshots.Account("loser", realized: -75.5m, cooldownUntil: Snapshots.Now.AddMinutes(4).AddSeconds(30)),
        };

        var table = context.Render<AccountsTable>(p => p.Add(t => t.Accounts, accounts).Add(t => t.Now, Snapshots.Now));

        var realized = table.FindAll("[data-testid=realized]");
        Assert.Contains("profit", realized[0].ClassList);
        Assert.Equal("+250.00", realized[0].TextContent.Trim());
        Assert.Contains("loss", realized[1].ClassList);
        var cooldowns = table.FindAll("[data-testid=cooldown]");
        Assert.Equal("-", cooldowns[0].TextContent.Trim());
        Assert.Equal("4:30", cooldowns[1].TextContent.Trim());
        Assert.Contains("cooldown", cooldowns[1].ClassList);
    }

    [Fact]
    public async Task Positions_nearest_their_stop_come_first()
    {
        await using var context = NewContext();
        var accounts = new[]
        {
            Snapshots.Account("far", positions: Snapshots.Position("FAR", current: 110m, stop: 98m)),
            Snapshots.Account("near", positions: Snapshots.Position("NEAR", current: 99m, stop: 98m)),
            Snapshots.Account("short", positions: Snapshots.Position("SHRT", PositionSide.Short, current: 100m, stop: 103m)),
        };

        var table = context.Render<PositionsTable>(p => p.Add(t => t.Accounts, accounts));

        Assert.Equal(["NEAR", "SHRT", "FAR"], table.FindAll("[data-testid=position-symbol]").Select(c => c.TextContent.Trim()));
        Assert.Equal("1.01 %", table.FindAll("[data-testid=stop-distance]")[0].TextContent.Trim());
    }

    [Fact]
    public async Task A_stop_crossed_by_a_stale_quote_shows_as_waiting_for_a_fresh_quote()
    {
        await using var context = NewContext();
        var accounts = new[]
        {
            Snapshots.Account("calm", positions: Snapshots.Position("CALM", current: 110m)),
            Snapshots.Account("stale", positions: Snapshots.Position("STALE", current: 97m, stopStatus: StopStatus.WaitingForFreshQuote)),
        };

        var table = context.Render<PositionsTable>(p => p.Add(t => t.Accounts, accounts));

        var statuses = table.FindAll("[data-testid=stop-status]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["waiting for a fresh quote", "armed"], statuses);
    }

    [Fact]
    public async Task The_decisions_feed_shows_a_rejection_with_its_reason_in_plain_words()
    {
        await using var context = NewContext();
        var decisions = new[]
        {
            Snapshots.Rejected("va-9", RejectionReason.StaleQuote, "Quote is 900 ms old (max 500 ms)."),
            Snapshots.Accepted("va-9"),
        };

        var feed = context.Render<DecisionsFeed>(p => p.Add(t => t.Decisions, decisions));

        var outcomes = feed.FindAll("[data-testid=outcome]");
        Assert.Equal("staleQuote: Quote is 900 ms old (max 500 ms).", outcomes[0].TextContent.Trim());
        Assert.Contains("rejected", outcomes[0].ClassList);
        Assert.Contains("accepted", outcomes[1].ClassList);
    }

    [Theory]
    [InlineData(KillSwitchState.Active, "mud-chip-color-success")]
    [InlineData(KillSwitchState.ReduceOnly, "mud-chip-color-warning")]
    [InlineData(KillSwitchState.Halted, "mud-chip-color-error")]
    public async Task The_kill_switch_chip_names_the_state_in_its_colour(KillSwitchState state, string colourClass)
    {
        await using var context = NewContext();
        var chip = context.Render<KillSwitchChip>(p => p.Add(c => c.Status, new KillSwitchStatus(state, "test", Snapshots.Now)));

        var element = chip.Find("[data-testid=kill-switch]");
        Assert.Contains(colourClass, element.ClassName);
        Assert.Contains(Presentation.Format.Code(state), element.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_bar_says_whether_the_window_is_open_in_exchange_time_and_shows_the_thresholds()
    {
        await using var context = NewContext();
        var settings = new EngineSettings(10m, 5m, TimeSpan.FromMilliseconds(500), 3, 3, TimeSpan.FromMinutes(5), 2m,
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), true, new TimeOnly(9, 30), new TimeOnly(16, 0), "America/New_York",
            false, new DateTimeOffset(2025, 1, 2, 17, 5, 0, TimeSpan.FromHours(-5)));

        var bar = context.Render<StatusBar>(p => p.Add(b => b.Settings, settings));

        var window = bar.Find("[data-testid=window]");
        Assert.Contains("window closed", window.TextContent, StringComparison.Ordinal);
        Assert.Contains("(now 17:05)", window.TextContent, StringComparison.Ordinal);
        Assert.Contains("quote age ≤ 500 ms", bar.Markup, StringComparison.Ordinal);
        Assert.Contains("cooldown 3 losses → 5 min", bar.Markup, StringComparison.Ordinal);
        Assert.Contains("reconcile every 5 s", bar.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_demo_market_is_named_in_the_status_bar_and_so_is_a_window_ignored_for_it()
    {
        await using var context = NewContext();
        var settings = StatusSettings(windowEnabled: false, windowOpen: true) with { DemoMarket = true, TradingWindowIgnoredForDemo = true };

        var bar = context.Render<StatusBar>(p => p.Add(b => b.Settings, settings));

        Assert.Equal("Demo market", bar.Find("[data-testid=demo-market]").TextContent.Trim());
        var window = bar.Find("[data-testid=window]").TextContent;
        Assert.Contains("trading window ignored (demo)", window, StringComparison.Ordinal);
        Assert.Contains("09:30–16:00 America/New_York", window, StringComparison.Ordinal);
        Assert.DoesNotContain("trading window off", bar.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_demo_that_keeps_the_window_shows_the_window_as_usual()
    {
        await using var context = NewContext();
        var settings = StatusSettings(windowEnabled: true, windowOpen: true) with { DemoMarket = true };

        var bar = context.Render<StatusBar>(p => p.Add(b => b.Settings, settings));

        Assert.Equal("Demo market", bar.Find("[data-testid=demo-market]").TextContent.Trim());
        Assert.Contains("window open", bar.Find("[data-testid=window]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored", bar.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_demo_there_is_no_demo_chip_and_a_window_turned_off_says_only_that()
    {
        await using var context = NewContext();
        var settings = StatusSettings(windowEnabled: false, windowOpen: true);

        var bar = context.Render<StatusBar>(p => p.Add(b => b.Settings, settings));

        Assert.Empty(bar.FindAll("[data-testid=demo-market]"));
        Assert.Equal("trading window off", bar.Find("[data-testid=window]").TextContent.Trim());
    }

    private static EngineSettings StatusSettings(bool windowEnabled, bool windowOpen) =>
        new(10m, 5m, TimeSpan.FromMilliseconds(500), 3, 3, TimeSpan.FromMinutes(5), 2m,
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), windowEnabled, new TimeOnly(9, 30), new TimeOnly(16, 0), "America/New_York",
            windowOpen, new DateTimeOffset(2025, 1, 2, 10, 5, 0, TimeSpan.FromHours(-5)));

    [Fact]
    public async Task Times_show_in_the_browsers_zone_once_it_is_known_and_in_utc_before()
    {
        await using var context = NewContext();
        context.JSInterop.Setup<string>("eval", _ => true).SetResult("Europe/Berlin");
        var zone = context.Services.GetRequiredService<Presentation.BrowserTimeZone>();
        var noon = new DateTimeOffset(2025, 1, 2, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("12:00:00Z", zone.Time(noon));
        await zone.DetectAsync(context.JSInterop.JSRuntime);

        Assert.Equal("Europe/Berlin", zone.Name);
        Assert.Equal("13:00:00", zone.Time(noon));
    }
}
