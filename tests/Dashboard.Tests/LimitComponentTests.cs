using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OrleansTrading.Abstractions;
using OrleansTrading.Dashboard.Components;

namespace OrleansTrading.Dashboard.Tests;

/// <summary>Every limit and what it blocked, rendered with bUnit: the decisions feed, the accounts table, the account page's panel, the portfolio row, the status bar.</summary>
public sealed class LimitComponentTests
{
    private static readonly DateTimeOffset Until = Snapshots.Now.AddHours(20);

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddScoped<Presentation.BrowserTimeZone>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    private static AccountLimits Limits(params LimitLock[] locks) => new("va-1",
        new AccountLimitSettings(
            new(5_000m, LimitSource.Override), new(null, LimitSource.Default), new(6_000, LimitSource.Default), new(5m, LimitSource.Default),
            new(true, LimitSource.Override), new(20m, LimitSource.Default), new(4, LimitSource.Default),
            new(TimeSpan.FromHours(1), LimitSource.Default), new(TimeSpan.FromMinutes(30), LimitSource.Default)),
        new LimitUsage(12, Snapshots.Now, Until, 10_000m, 9_520m, 480m, 4.8m, 10_500m, 9.3333m, [new("AAPL", Snapshots.Now)], locks),
        [new LimitEvent("va-1", "e1", "limitsChanged", "set maxNotionalPerOrder 5000", Snapshots.Now)]);

    [Theory]
    [InlineData(RejectionReason.OrderTooLarge, "order too large")]
    [InlineData(RejectionReason.RateLimited, "too many signals per minute")]
    [InlineData(RejectionReason.DailyLossLimit, "daily loss limit")]
    [InlineData(RejectionReason.MaxDrawdown, "drawdown halt")]
    [InlineData(RejectionReason.StopLossGuard, "symbol locked after stop-outs")]
    [InlineData(RejectionReason.PortfolioExposure, "portfolio exposure limit")]
    public async Task The_decisions_feed_says_each_limit_refusal_in_plain_words_beside_the_engines_detail(RejectionReason reason, string words)
    {
        await using var context = NewContext();
        var feed = context.Render<DecisionsFeed>(p => p.Add(f => f.Decisions, [Snapshots.Rejected("va-1", reason, "the engine's detail")]));

        Assert.Equal(words, feed.Find("[data-testid=reason-words]").TextContent.Trim());
        Assert.Equal($"{Presentation.Format.Code(reason)}: the engine's detail", feed.Find("[data-testid=outcome]").TextContent.Trim());
    }

    [Fact]
    public async Task The_accounts_table_shows_what_blocks_each_account()
    {
        await using var context = NewContext();
        var accounts = new[]
        {
            Snapshots.Account("free") with { Locks = [] },
            Snapshots.Account("blocked") with
            {
                Locks =
                [
                    new LimitLock(RejectionReason.DailyLossLimit, null, Until, "daily loss 5.2 % ≥ 5 % limit; entries blocked until ..."),
                    new LimitLock(RejectionReason.MaxDrawdown, null, null, "drawdown 21 % ≥ 20 % limit; ..."),
                    new LimitLock(RejectionReason.StopLossGuard, "AAPL", Until, "4 stop-outs in AAPL within 1 h ..."),
                ],
            },
        };

        var table = context.Render<AccountsTable>(p => p.Add(t => t.Accounts, accounts).Add(t => t.Now, Snapshots.Now));

        var cells = table.FindAll("[data-testid=locks]");
        Assert.Equal("-", cells[0].TextContent.Trim());
        var chips = cells[1].QuerySelectorAll("[data-testid=lock]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["daily loss limit until 11:00:00Z", "drawdown halt until reset", "AAPL locked after stop-outs until 11:00:00Z"], chips);
    }

    [Fact]
    public async Task The_limits_panel_shows_each_limit_with_its_source_the_usage_against_it_the_locks_and_the_events()
    {
        await using var context = NewContext();
        var panel = context.Render<LimitsPanel>(p => p.Add(l => l.Limits,
            Limits(new LimitLock(RejectionReason.RateLimited, null, Until, "6000 signals within a minute ..."))));

        var rows = panel.FindAll("[data-testid=limit-row]").Select(r => r.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(9, rows.Count);
        Assert.Equal(["max notional per order", "5,000.00", "this account"], rows[0]);
        Assert.Equal(["max quantity per order", "none", "default"], rows[1]);
        Assert.Equal(["flatten on daily loss", "yes", "this account"], rows[4]);
        Assert.Equal(["stop-loss guard window", "1 h", "default"], rows[7]);
        Assert.Contains("today's loss 480.00 = 4.80 % of 5.00 %", panel.Find("[data-testid=daily-loss-usage]").TextContent, StringComparison.Ordinal);
        Assert.Contains("drawdown 9.33 % of 20.00 %", panel.Find("[data-testid=drawdown-usage]").TextContent, StringComparison.Ordinal);
        Assert.Contains("signals this minute 12 of 6000", panel.Find("[data-testid=signal-usage]").TextContent, StringComparison.Ordinal);
        Assert.Equal("too many signals per minute until 11:00:00Z", panel.Find("[data-testid=lock]").TextContent.Trim());
        Assert.Contains("limitsChanged: set maxNotionalPerOrder 5000", panel.Find("[data-testid=limit-event]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_portfolio_row_shows_todays_loss_and_the_exposure_against_their_limits()
    {
        await using var context = NewContext();
        var portfolio = new PortfolioSummary(3, 296_000m, -1_000m, -3_000m, Snapshots.Now, Until, 300_000m, 9_300m, 3.1m, 3m, true,
            [new SymbolExposure("AAPL", 950_000m, 1_000_000m, 2), new SymbolExposure("MSFT", 10_000m, 1_000_000m, 1)], 960_000m, 5_000_000m,
            1_000_000m, Snapshots.Now);

        var row = context.Render<PortfolioRow>(p => p.Add(r => r.Portfolio, portfolio));

        var loss = row.Find("[data-testid=portfolio-daily-loss]");
        Assert.Equal("today's loss 3.10 % of 3.00 %", loss.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", loss.ClassName, StringComparison.Ordinal);
        Assert.Equal("today's loss set reduceOnly", row.Find("[data-testid=portfolio-tripped]").TextContent.Trim());
        Assert.Equal("gross 960,000.00 / 5,000,000.00", row.Find("[data-testid=gross-exposure]").TextContent.Trim());
        var symbols = row.FindAll("[data-testid=symbol-exposure]");
        Assert.Equal("AAPL 950,000.00 / 1,000,000.00", symbols[0].TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", symbols[0].ClassName, StringComparison.Ordinal); // 95 % of its limit
        Assert.DoesNotContain("mud-chip-color-warning", symbols[1].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_bar_shows_the_limit_defaults_and_the_portfolio_limits()
    {
        await using var context = NewContext();
        var settings = new EngineSettings(10m, 5m, TimeSpan.FromMilliseconds(500), 3, 3, TimeSpan.FromMinutes(5), 2m,
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), false, new TimeOnly(9, 30), new TimeOnly(16, 0), "America/New_York",
            true, Snapshots.Now, Limits: new LimitDefaults(100_000m, null, 6_000, 5m, false, 20m, 4, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30),
                1_000_000m, 5_000_000m, 3m));

        var bar = context.Render<StatusBar>(p => p.Add(b => b.Settings, settings));

        Assert.Equal(["order ≤ 100,000.00", "≤ 6000 signals/min", "daily loss < 5.00 %", "drawdown < 20.00 %", "4 stop-outs in 1 h → lock 30 min"],
            bar.FindAll("[data-testid=limit-default]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["≤ 1,000,000.00 per symbol", "≤ 5,000,000.00 gross", "portfolio loss 3.00 % → reduceOnly"],
            bar.FindAll("[data-testid=portfolio-limit]").Select(c => c.TextContent.Trim()));
    }
}
