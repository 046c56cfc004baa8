using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// Each account-level limit through the real grain on SQLite: the refusal is a journaled decision whose detail names the
/// limit and the value, and what a limit latched shows in the snapshot's locks. Every test sets its own account's
/// overrides, so the shared cluster keeps the defaults.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AccountLimitsTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    private static Task<AccountLimits?> OverrideAsync(IVirtualAccountGrain account, LimitOverrides set) =>
        account.UpdateLimitsAsync(new LimitsChange(set, []));

    private static async Task<DecisionRecord> LastRejectionAsync(IVirtualAccountGrain account) =>
        (await account.GetDecisionsAsync(0, 1, SignalStatus.Rejected))!.Items.Single();

    private static Task<AccountSnapshot> LockedAsync(IVirtualAccountGrain account, RejectionReason reason) =>
        Eventually.MatchesAsync(async () => (await account.GetSnapshotAsync())!, s => s.Locks!.Any(l => l.Reason == reason),
            TimeSpan.FromSeconds(5), $"a {reason} lock");

    [Fact]
    public async Task An_entry_above_the_accounts_max_notional_is_orderTooLarge_and_journaled_with_the_limit_and_value()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("OTL");
        await OverrideAsync(account, new LimitOverrides(MaxNotionalPerOrder: 1_000m));
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);

        AssertRejected(await _trading.OpenAsync(account, symbol, quantity: 10m), RejectionReason.OrderTooLarge);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 9m));

        var journaled = await LastRejectionAsync(account);
        Assert.Equal(RejectionReason.OrderTooLarge, journaled.Reason);
        Assert.Equal("order notional 1,000.5 > 1,000 limit (MaxNotionalPerOrder).", journaled.Detail);
    }

    [Fact]
    public async Task The_default_max_notional_of_100_000_applies_without_an_override()
    {
        var account = await _trading.CreateAccountAsync(balance: 1_000_000m);
        var symbol = NewId("OTD");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertRejected(await _trading.OpenAsync(account, symbol, quantity: 1_000m), RejectionReason.OrderTooLarge);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 999m));
    }

    [Fact]
    public async Task Entries_beyond_the_signals_per_minute_are_rateLimited_while_exits_always_pass_and_the_minute_slides()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("RL");
        await OverrideAsync(account, new LimitOverrides(MaxSignalsPerMinute: 3));
        var start = fixture.Clock.Now;
        try
        {
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            AssertRejected(await _trading.CloseAsync(account, NewId("NONE")), RejectionReason.NoOpenPosition); // counts, decided or not
            AssertAccepted(await _trading.OpenAsync(account, symbol));

            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.RateLimited);
            var close = await _trading.CloseAsync(account, symbol, quantity: 5m);
            AssertAccepted(close); // reducing risk is never rate-limited
            Assert.Equal("signal 4 within a minute > 3 limit (MaxSignalsPerMinute); exits are never rate-limited.",
                (await LastRejectionAsync(account)).Detail);
            var locked = (await account.GetSnapshotAsync())!.Locks!;
            Assert.Contains(locked, l => l.Reason == RejectionReason.RateLimited);

            fixture.Clock.Advance(TimeSpan.FromSeconds(59));
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.RateLimited);

            fixture.Clock.Advance(TimeSpan.FromSeconds(61));
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            Assert.Equal(1, (await account.GetLimitsAsync())!.Usage.SignalsThisMinute);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task A_daily_loss_at_the_limit_locks_entries_until_the_next_trading_day_and_the_position_keeps_its_stop()
    {
        var account = await _trading.CreateAccountAsync(balance: 10_000m);
        var symbol = NewId("DL");
        await OverrideAsync(account, new LimitOverrides(DailyLossPercent: 0.1m));
        var start = fixture.Clock.Now; // Wednesday 2026-11-25 10:00 New York
        try
        {
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            await _trading.PublishQuoteAsync(symbol, 99m, 99.05m); // 10 × (99 − 100.05) = −10.5: 0.105 % of 10,000

            var snapshot = await LockedAsync(account, RejectionReason.DailyLossLimit);
            Assert.Single(snapshot.Positions); // no FlattenOnDailyLoss: it stays, with its stop
            var expected = "daily loss 0.11 % ≥ 0.1 % limit; entries blocked until 2026-11-26 09:30 America/New_York";
            Assert.Equal(expected, snapshot.Locks!.Single(l => l.Reason == RejectionReason.DailyLossLimit).Detail);
            Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero), snapshot.Locks![0].Until);

            await _trading.PublishQuoteAsync(symbol, 100.2m, 100.25m); // recovered: still locked
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.DailyLossLimit);
            Assert.Equal(expected, (await LastRejectionAsync(account)).Detail);
            var events = (await account.GetLimitsAsync())!.Events;
            Assert.Contains(events, e => e.Kind == LimitEventKinds.DailyLossLimit && e.Detail.EndsWith("open positions stay protected by their stops", StringComparison.Ordinal));

            fixture.Clock.Now = new DateTimeOffset(2026, 11, 25, 20, 59, 0, TimeSpan.Zero); // 15:59, the same trading day
            await _trading.PublishQuoteAsync(symbol, 100.2m, 100.25m);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.DailyLossLimit);

            fixture.Clock.Now = new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero);
            await _trading.PublishQuoteAsync(symbol, 100.2m, 100.25m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            var usage = (await account.GetLimitsAsync())!.Usage;
            Assert.Equal(fixture.Clock.Now, usage.TradingDayStart);
            Assert.DoesNotContain(usage.Locks, l => l.Reason == RejectionReason.DailyLossLimit);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task An_account_holding_overnight_starts_the_new_day_from_the_equity_at_the_days_first_sweep_not_at_its_first_look()
    {
        var account = await _trading.CreateAccountAsync(balance: 10_000m);
        var accountId = account.GetPrimaryKeyString();
        var symbol = NewId("DAY");
        var start = fixture.Clock.Now; // Wednesday 2026-11-25 10:00 New York
        try
        {
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
            await _trading.PublishQuoteAsync(symbol, 101m, 101.05m); // a new high
            await _trading.PublishQuoteAsync(symbol, 100.5m, 100.55m); // a new low: the account has seen 100.5-101
            await Eventually.MatchesAsync(() => Task.FromResult(fixture.QuotePushes.Delivered(accountId)), n => n >= 2,
                TimeSpan.FromSeconds(5), "both extremes pushed (pushes are one-way)");

            fixture.Clock.Now = new DateTimeOffset(2026, 11, 26, 14, 29, 58, TimeSpan.Zero); // 09:29:58, still the same trading day
            await _trading.PublishQuoteAsync(symbol, 100.8m, 100.85m); // inside what it has seen: not pushed
            var pushed = fixture.QuotePushes.Delivered(accountId);
            fixture.Clock.Now = new DateTimeOffset(2026, 11, 26, 14, 30, 1, TimeSpan.Zero); // the next trading day has begun
            await Eventually.MatchesAsync(() => Task.FromResult(fixture.QuotePushes.Delivered(accountId)), n => n > pushed,
                TimeSpan.FromSeconds(5), "the new day's quote pushed to the holder");
            await _trading.PublishQuoteAsync(symbol, 100.6m, 100.65m); // inside the range again: not pushed

            var usage = (await account.GetLimitsAsync())!.Usage;
            Assert.Equal(new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero), usage.TradingDayStart);
            Assert.Equal(10_007.5m, usage.DayStartEquity); // 10,000 + 10 × (100.8 − 100.05); at the first look it would be 10,005.5
            Assert.Equal(10_005.5m, usage.Equity);
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task With_flattenOnDailyLoss_reaching_the_daily_loss_limit_also_closes_the_open_positions()
    {
        var account = await _trading.CreateAccountAsync(balance: 10_000m);
        var symbol = NewId("DF");
        await OverrideAsync(account, new LimitOverrides(DailyLossPercent: 0.1m, FlattenOnDailyLoss: true));
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));

        await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);

        var flat = await FlatAsync(account);
        Assert.Contains(flat.Locks!, l => l.Reason == RejectionReason.DailyLossLimit);
        var trade = Assert.Single((await fixture.Journal.GetTradesAsync(account.GetPrimaryKeyString(), 0, 10)).Items);
        Assert.Equal(OrderPurpose.Flatten, trade.Reason);
    }

    [Fact]
    public async Task A_drawdown_at_the_limit_halts_entries_until_an_operator_resets_it_with_a_journaled_reason()
    {
        var account = await _trading.CreateAccountAsync(balance: 10_000m);
        var symbol = NewId("DD");
        await OverrideAsync(account, new LimitOverrides(MaxDrawdownPercent: 0.1m));
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
        await _trading.PublishQuoteAsync(symbol, 99m, 99.05m);
        await LockedAsync(account, RejectionReason.MaxDrawdown);

        await _trading.PublishQuoteAsync(symbol, 100.2m, 100.25m); // recovered: the halt stays
        AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.MaxDrawdown);
        Assert.StartsWith("drawdown 0.11 % ≥ 0.1 % limit; entries blocked until an operator resets the account",
            (await LastRejectionAsync(account)).Detail, StringComparison.Ordinal);

        await Assert.ThrowsAsync<InvalidInputException>(() => account.ResetDrawdownAsync(" "));
        var reset = await account.ResetDrawdownAsync("reviewed the fills with the desk");

        Assert.DoesNotContain(reset!.Usage.Locks, l => l.Reason == RejectionReason.MaxDrawdown);
        Assert.Equal(0m, reset.Usage.DrawdownPercent);
        var journaled = reset.Events[0];
        Assert.Equal(LimitEventKinds.DrawdownReset, journaled.Kind);
        Assert.Contains("lifting the maxDrawdown halt", journaled.Detail, StringComparison.Ordinal);
        Assert.EndsWith("Reason: reviewed the fills with the desk", journaled.Detail, StringComparison.Ordinal);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
    }

    [Fact]
    public async Task Stop_outs_reaching_the_guard_lock_the_symbol_for_the_account_until_the_lock_expires()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("SG");
        var other = NewId("SGO");
        await OverrideAsync(account, new LimitOverrides(StopLossGuardCount: 2, StopLossGuardLockFor: TimeSpan.FromMinutes(10)));
        var start = fixture.Clock.Now;
        try
        {
            for (var stopOut = 1; stopOut <= 2; stopOut++)
            {
                await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
                AssertAccepted(await _trading.OpenAsync(account, symbol));
                await _trading.PublishQuoteAsync(symbol, 97m, 97.05m); // below the 98.049 stop
                await FlatAsync(account);
            }

            var locked = await LockedAsync(account, RejectionReason.StopLossGuard);
            var held = locked.Locks!.Single(l => l.Reason == RejectionReason.StopLossGuard);
            Assert.Equal(symbol, held.Symbol);

            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.StopLossGuard);
            Assert.Contains($"2 stop-outs in {symbol} within 1 h", (await LastRejectionAsync(account)).Detail, StringComparison.Ordinal);
            await _trading.PublishQuoteAsync(other, 50m, 50.02m);
            AssertAccepted(await _trading.OpenAsync(account, other)); // only that symbol is locked
            AssertAccepted(await _trading.CloseAsync(account, other));

            fixture.Clock.Now = held.Until!.Value;
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertAccepted(await _trading.OpenAsync(account, symbol));
        }
        finally
        {
            fixture.Clock.Now = start;
        }
    }

    [Fact]
    public async Task Limits_show_their_source_overrides_are_partial_and_null_restores_the_default()
    {
        var account = await _trading.CreateAccountAsync();

        var initial = (await account.GetLimitsAsync())!;
        Assert.Equal(new LimitValue<decimal>(100_000m, LimitSource.Default), initial.Limits.MaxNotionalPerOrder);
        Assert.Equal(new LimitValue<decimal?>(null, LimitSource.Default), initial.Limits.MaxQuantityPerOrder);

        var changed = (await OverrideAsync(account, new LimitOverrides(MaxNotionalPerOrder: 5_000m, StopLossGuardWindow: TimeSpan.FromMinutes(15))))!;
        Assert.Equal(new LimitValue<decimal>(5_000m, LimitSource.Override), changed.Limits.MaxNotionalPerOrder);
        Assert.Equal(new LimitValue<TimeSpan>(TimeSpan.FromMinutes(15), LimitSource.Override), changed.Limits.StopLossGuardWindow);
        Assert.Equal(new LimitValue<decimal>(5m, LimitSource.Default), changed.Limits.DailyLossPercent);

        var second = (await OverrideAsync(account, new LimitOverrides(DailyLossPercent: 2m)))!;
        Assert.Equal(LimitSource.Override, second.Limits.MaxNotionalPerOrder.Source); // untouched by a partial change

        var restored = (await account.UpdateLimitsAsync(new LimitsChange(LimitOverrides.None, [LimitName.MaxNotionalPerOrder])))!;
        Assert.Equal(new LimitValue<decimal>(100_000m, LimitSource.Default), restored.Limits.MaxNotionalPerOrder);
        Assert.Equal(3, restored.Events.Count(e => e.Kind == LimitEventKinds.LimitsChanged));
        Assert.Equal("restored the default of maxNotionalPerOrder", restored.Events[0].Detail);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => OverrideAsync(account, new LimitOverrides(DailyLossPercent: 0m)));
        Assert.Contains("dailyLossPercent", refused.Errors.Keys);
        Assert.Null(await _trading.Client.Account(NewId("ghost")).UpdateLimitsAsync(new LimitsChange(new LimitOverrides(MaxSignalsPerMinute: 5), [])));
    }
}
