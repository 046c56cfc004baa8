using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OrleansTrading.Abstractions;
using OrleansTrading.Dashboard.Components;

namespace OrleansTrading.Dashboard.Tests;

/// <summary>The page renders one page of each long table, but sorts and filters over every row; unchanged tables do not re-render.</summary>
public sealed class PagingComponentTests
{
    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddScoped<Presentation.BrowserTimeZone>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }

    /// <summary>va-001 … va-060, the later the richer: the richest are on the last page in id order.</summary>
    private static AccountSnapshot[] Accounts(int count = 60) =>
        [.. Enumerable.Range(1, count).Select(n => Snapshots.Account($"va-{n:000}", realized: n * 10m))];

    private static List<string> ShownIds(IRenderedComponent<AccountsTable> table) =>
        [.. table.FindAll("[data-testid=account-id]").Select(c => c.TextContent.Trim())];

    [Fact]
    public async Task A_thousand_accounts_render_one_page_of_rows()
    {
        await using var context = NewContext();

        var table = context.Render<AccountsTable>(p => p.Add(t => t.Accounts, Accounts(1000)).Add(t => t.Now, Snapshots.Now));

        Assert.Equal(AccountsTable.PageSize, ShownIds(table).Count);
        Assert.Equal("va-001", ShownIds(table)[0]);
    }

    [Fact]
    public async Task Sorting_orders_every_account_not_only_the_page_shown()
    {
        await using var context = NewContext();
        var table = context.Render<AccountsTable>(p => p.Add(t => t.Accounts, Accounts()).Add(t => t.Now, Snapshots.Now));
        var equity = table.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Trim() == "equity");

        equity.Click(); // ascending
        table.FindAll(".mud-table-sort-label").Single(l => l.TextContent.Trim() == "equity").Click(); // descending

        var shown = ShownIds(table);
        Assert.Equal(AccountsTable.PageSize, shown.Count);
        Assert.Equal(Enumerable.Range(0, AccountsTable.PageSize).Select(i => $"va-{60 - i:000}"), shown);
    }

    [Fact]
    public async Task The_filter_finds_an_account_beyond_the_first_page()
    {
        await using var context = NewContext();
        var table = context.Render<AccountsTable>(p => p.Add(t => t.Accounts, Accounts()).Add(t => t.Now, Snapshots.Now));
        Assert.DoesNotContain("va-057", ShownIds(table));

        table.Find("input").Input("va-057");

        Assert.Equal(["va-057"], ShownIds(table));
    }

    [Fact]
    public async Task The_positions_nearest_their_stop_come_first_over_every_account()
    {
        await using var context = NewContext();
        // The nearer its stop, the later the account's id: the first page must come from the end of the list.
        var accounts = Enumerable.Range(1, 40)
            .Select(n => Snapshots.Account($"va-{n:000}", positions: Snapshots.Position($"S{n:000}", current: 140m - n, stop: 98m)))
            .ToArray();

        var table = context.Render<PositionsTable>(p => p.Add(t => t.Accounts, accounts));

        var symbols = table.FindAll("[data-testid=position-symbol]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(PositionsTable.PageSize, symbols.Count);
        Assert.Equal(Enumerable.Range(0, PositionsTable.PageSize).Select(i => $"S{40 - i:000}"), symbols);
    }

    [Fact]
    public async Task The_decisions_filter_searches_every_decision_kept_not_only_the_page_shown()
    {
        await using var context = NewContext();
        var decisions = Enumerable.Range(1, 100).Select(n => Snapshots.Accepted($"va-{n:000}")).ToArray();
        var feed = context.Render<DecisionsFeed>(p => p.Add(t => t.Decisions, decisions));
        Assert.Equal(DecisionsFeed.PageSize, feed.FindAll("[data-testid=outcome]").Count);

        feed.Find("input").Input("va-099");

        Assert.Single(feed.FindAll("[data-testid=outcome]"));
        Assert.Contains("va-099", feed.Find("[data-testid=decisions] tbody tr").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_accounts_table_renders_again_only_when_its_accounts_or_a_countdown_change()
    {
        await using var context = NewContext();
        var accounts = Accounts(30);
        var table = context.Render<AccountsTable>(p => p.Add(t => t.Accounts, accounts).Add(t => t.Now, Snapshots.Now));
        var renders = table.RenderCount;

        table.Render(p => p.Add(t => t.Accounts, accounts).Add(t => t.Now, Snapshots.Now.AddSeconds(1)));
        Assert.Equal(renders, table.RenderCount); // same accounts, no countdown: nothing to show anew

        table.Render(p => p.Add(t => t.Accounts, [.. accounts]).Add(t => t.Now, Snapshots.Now.AddSeconds(1)));
        var afterNewList = table.RenderCount;
        Assert.True(afterNewList > renders, "a new list of accounts renders");

        var cooling = accounts.Prepend(Snapshots.Account("va-000", cooldownUntil: Snapshots.Now.AddSeconds(30))).ToArray();
        table.Render(p => p.Add(t => t.Accounts, cooling).Add(t => t.Now, Snapshots.Now.AddSeconds(2)));
        Assert.Equal("0:28", table.FindAll("[data-testid=cooldown]")[0].TextContent.Trim());
        table.Render(p => p.Add(t => t.Accounts, cooling).Add(t => t.Now, Snapshots.Now.AddSeconds(3)));
        Assert.Equal("0:27", table.FindAll("[data-testid=cooldown]")[0].TextContent.Trim()); // the countdown moves every second
    }

    [Fact]
    public async Task The_decisions_feed_renders_again_only_for_new_decisions()
    {
        await using var context = NewContext();
        var decisions = new[] { Snapshots.Accepted("va-1") };
        var feed = context.Render<DecisionsFeed>(p => p.Add(t => t.Decisions, decisions));
        var renders = feed.RenderCount;

        feed.Render(p => p.Add(t => t.Decisions, decisions));
        Assert.Equal(renders, feed.RenderCount);

        feed.Render(p => p.Add(t => t.Decisions, [Snapshots.Rejected("va-2", RejectionReason.StaleQuote, "old"), .. decisions]));
        Assert.True(feed.RenderCount > renders, "new decisions render");
        Assert.Contains("va-2", feed.Find("[data-testid=decisions] tbody tr").TextContent, StringComparison.Ordinal);
    }
}
