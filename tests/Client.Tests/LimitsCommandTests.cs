using OrleansTrading.Abstractions;
using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

/// <summary><c>limits show|set|reset-drawdown</c> and <c>portfolio</c>: what they send, print and exit with.</summary>
public sealed class LimitsCommandTests
{
    private static readonly DateTimeOffset DayStart = new(2025, 1, 2, 14, 30, 0, TimeSpan.Zero);

    private readonly FakeConnector _connector = new();

    private static AccountLimits Limits(string accountId, params LimitLock[] locks) => new(accountId,
        new AccountLimitSettings(
            new(5_000m, LimitSource.Override), new(null, LimitSource.Default), new(6_000, LimitSource.Default), new(5m, LimitSource.Default),
            new(false, LimitSource.Default), new(20m, LimitSource.Default), new(4, LimitSource.Default),
            new(TimeSpan.FromHours(1), LimitSource.Default), new(TimeSpan.FromMinutes(30), LimitSource.Default)),
        new LimitUsage(3, DayStart, DayStart.AddDays(1), 10_000m, 9_480m, 520m, 5.2m, 10_000m, 5.2m, [new("AAPL", DayStart.AddHours(1))], locks),
        [new LimitEvent(accountId, "e-1", "dailyLossLimit", "daily loss 5.2 % ≥ 5 % limit; entries blocked until 2025-01-03 09:30 America/New_York",
            DayStart.AddHours(2))]);

    private static readonly LimitLock DailyLoss = new(RejectionReason.DailyLossLimit, null, DayStart.AddDays(1),
        "daily loss 5.2 % ≥ 5 % limit; entries blocked until 2025-01-03 09:30 America/New_York");

    [Fact]
    public async Task Show_prints_each_limit_with_its_source_the_usage_the_locks_and_the_events()
    {
        _connector.Engine.Limits["acc-1"] = Limits("acc-1", DailyLoss);

        var run = await CliRun.RunAsync(_connector, "limits", "show", "acc-1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("maxNotionalPerOrder    5000         override", run.Output, StringComparison.Ordinal);
        Assert.Contains("maxQuantityPerOrder    none         default", run.Output, StringComparison.Ordinal);
        Assert.Contains("stopLossGuardWindow    01:00:00     default", run.Output, StringComparison.Ordinal);
        Assert.Contains("loss 520 (5.2 %)", run.Output, StringComparison.Ordinal);
        Assert.Contains("recent stop-outs: AAPL at 2025-01-02T15:30:00.000Z", run.Output, StringComparison.Ordinal);
        Assert.Contains("    dailyLossLimit until 2025-01-03T14:30:00.000Z - daily loss 5.2 % ≥ 5 % limit", run.Output, StringComparison.Ordinal);
        Assert.Contains("dailyLossLimit - daily loss 5.2 %", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_with_json_prints_the_limits_as_the_api_does()
    {
        _connector.Engine.Limits["acc-1"] = Limits("acc-1");

        var run = await CliRun.RunAsync(_connector, "limits", "show", "acc-1", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("\"maxNotionalPerOrder\": {\n      \"value\": 5000,\n      \"source\": \"override\"", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_of_an_unknown_account_exit_3()
    {
        var run = await CliRun.RunAsync(_connector, "limits", "show", "ghost");
        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("Account 'ghost' does not exist.", run.Error.Trim());
    }

    [Fact]
    public async Task Set_sends_the_named_limits_and_default_restores_one()
    {
        _connector.Engine.Limits["acc-1"] = Limits("acc-1");

        var run = await CliRun.RunAsync(_connector, "limits", "set", "acc-1", "--max-notional-per-order", "5000",
            "--daily-loss-percent", "default", "--flatten-on-daily-loss", "TRUE", "--stop-loss-guard-window", "00:10:00",
            "--max-signals-per-minute", "100");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("limits of acc-1 changed", run.Output, StringComparison.Ordinal);
        var (account, change) = Assert.Single(_connector.Engine.LimitChanges);
        Assert.Equal("acc-1", account);
        Assert.Equal(new LimitOverrides(MaxNotionalPerOrder: 5_000m, MaxSignalsPerMinute: 100, FlattenOnDailyLoss: true,
            StopLossGuardWindow: TimeSpan.FromMinutes(10)), change.Set);
        Assert.Equal([LimitName.DailyLossPercent], change.Restore);
    }

    [Fact]
    public async Task Bad_values_are_each_named_exit_1_and_nothing_is_sent()
    {
        var run = await CliRun.RunAsync(_connector, "limits", "set", "acc-1", "--max-notional-per-order", "abc",
            "--daily-loss-percent", "0", "--stop-loss-guard-window", "1h", "--stop-loss-guard-count", "2.5", "--flatten-on-daily-loss", "yes");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--max-notional-per-order 'abc' is not a number", run.Error, StringComparison.Ordinal);
        Assert.Contains("--daily-loss-percent must be greater than 0 and at most 100 (got 0).", run.Error, StringComparison.Ordinal);
        Assert.Contains("--stop-loss-guard-window '1h' is not a duration", run.Error, StringComparison.Ordinal);
        Assert.Contains("--stop-loss-guard-count '2.5' is not a whole number", run.Error, StringComparison.Ordinal);
        Assert.Contains("--flatten-on-daily-loss 'yes' must be true, false or 'default'.", run.Error, StringComparison.Ordinal);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Set_without_any_limit_exits_1()
    {
        var run = await CliRun.RunAsync(_connector, "limits", "set", "acc-1");
        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("Name at least one limit to change: --max-notional-per-order", run.Error, StringComparison.Ordinal);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Reset_drawdown_needs_a_reason_and_sends_it()
    {
        _connector.Engine.Limits["acc-1"] = Limits("acc-1");

        var blank = await CliRun.RunAsync(_connector, "limits", "reset-drawdown", "acc-1", "--reason", " ");
        Assert.Equal(ExitCodes.InvalidArguments, blank.ExitCode);
        var missing = await CliRun.RunAsync(_connector, "limits", "reset-drawdown", "acc-1");
        Assert.Equal(ExitCodes.InvalidArguments, missing.ExitCode);
        Assert.Empty(_connector.Engine.DrawdownResets);

        var run = await CliRun.RunAsync(_connector, "limits", "reset-drawdown", "acc-1", "--reason", "reviewed with the desk");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("drawdown of acc-1 reset", run.Output, StringComparison.Ordinal);
        Assert.Equal(("acc-1", "reviewed with the desk"), Assert.Single(_connector.Engine.DrawdownResets));
    }

    [Fact]
    public async Task Portfolio_prints_equity_todays_loss_against_its_limit_and_the_exposure_per_symbol()
    {
        _connector.Engine.Portfolio = new PortfolioSummary(2, 99_988.5m, 0m, -11.5m, DayStart, DayStart.AddDays(1), 100_000m, 11.5m, 0.0115m, 3m,
            true, [new SymbolExposure("AAPL", 1_000.5m, 1_000_000m, 1), new SymbolExposure("MSFT", 2_001m, 1_000_000m, 1)], 3_001.5m,
            5_000_000m, 1_000_000m, DayStart.AddHours(1));

        var run = await CliRun.RunAsync(_connector, "portfolio");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(
        [
            "portfolio of 2 accounts: equity 99988.5  pnl realized 0  unrealized -11.5",
            "  today's loss 11.5 of starting equity 100000: 0.0115 % (limit 3 %) - the kill-switch went to reduceOnly today",
            "  gross exposure 3001.5 of 5000000",
            "    AAPL  1000.5 of 1000000  (1 account)",
            "    MSFT  2001 of 1000000  (1 account)",
        ], lines);
    }

    [Fact]
    public async Task An_account_shows_the_locks_in_force()
    {
        _connector.Engine.Accounts.Add(Snapshots.Account("acc-1") with { Locks = [DailyLoss] });

        var run = await CliRun.RunAsync(_connector, "accounts", "show", "acc-1");

        Assert.Contains("  locked: dailyLossLimit until 2025-01-03T14:30:00.000Z - daily loss 5.2 % ≥ 5 % limit", run.Output, StringComparison.Ordinal);
    }
}
