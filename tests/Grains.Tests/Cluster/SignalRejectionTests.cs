using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>Every reason code, produced through the real grain on SQLite.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SignalRejectionTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task Entry_is_rejected_with_killSwitch_while_reduce_only()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("KS");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        await _trading.SetKillSwitchAsync(KillSwitchState.ReduceOnly);
        try
        {
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.KillSwitch);
        }
        finally
        {
            await _trading.SetKillSwitchAsync(KillSwitchState.Active);
        }
    }

    [Fact]
    public async Task Entry_is_rejected_outside_the_trading_window()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("TW");
        var inside = fixture.Clock.Now;
        fixture.Clock.Now = new DateTimeOffset(2026, 11, 25, 21, 5, 0, TimeSpan.Zero); // 16:05 New York
        try
        {
            await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
            AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.OutsideTradingWindow);
        }
        finally
        {
            fixture.Clock.Now = inside;
        }
    }

    [Fact]
    public async Task Entry_is_rejected_with_noQuote_when_no_quote_was_ever_published()
    {
        var account = await _trading.CreateAccountAsync();
        AssertRejected(await _trading.OpenAsync(account, NewId("NQ")), RejectionReason.NoQuote);
    }

    [Fact]
    public async Task Entry_is_rejected_with_staleQuote_one_millisecond_past_the_max_age()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("SQ");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m, age: TimeSpan.FromMilliseconds(501));
        AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.StaleQuote);

        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m, age: TimeSpan.FromMilliseconds(500));
        AssertAccepted(await _trading.OpenAsync(account, symbol));
    }

    [Fact]
    public async Task Entry_is_rejected_with_spreadTooWide_over_the_limit_and_accepted_at_it()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("SP");
        // Spread 0.11 on mid 100.055 ≈ 10.99 bps > 10.
        await _trading.PublishQuoteAsync(symbol, 100m, 100.11m);
        AssertRejected(await _trading.OpenAsync(account, symbol), RejectionReason.SpreadTooWide);

        // Bid 99.95, ask 100.05: spread 0.10 on mid 100.00 = exactly 10 bps.
        await _trading.PublishQuoteAsync(symbol, 99.95m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol));
    }

    [Fact]
    public async Task Entry_is_rejected_with_insufficientFunds_when_the_notional_exceeds_the_balance()
    {
        var account = await _trading.CreateAccountAsync(balance: 1_000m);
        var symbol = NewId("IF");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertRejected(await _trading.OpenAsync(account, symbol, quantity: 10m), RejectionReason.InsufficientFunds);
        AssertAccepted(await _trading.OpenAsync(account, symbol, quantity: 9m));
    }

    [Fact]
    public async Task Entry_is_rejected_with_slippageExceeded_when_the_venue_cannot_fill_within_the_limit()
    {
        var account = await _trading.CreateAccountAsync();
        await _trading.PublishQuoteAsync(ClusterFixture.SlippingSymbol, 100m, 100.05m);
        AssertRejected(await _trading.OpenAsync(account, ClusterFixture.SlippingSymbol), RejectionReason.SlippageExceeded);

        var snapshot = await account.GetSnapshotAsync();
        Assert.Empty(snapshot!.Positions);
        Assert.Equal(100_000m, snapshot.Balance);
    }

    [Fact]
    public async Task Close_is_rejected_with_noOpenPosition_when_nothing_is_open()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("NO");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertRejected(await _trading.CloseAsync(account, symbol), RejectionReason.NoOpenPosition);
    }

    [Fact]
    public async Task Signal_for_an_account_that_was_never_created_is_rejected_and_creates_nothing()
    {
        var account = _trading.Client.Account(NewId("ghost"));
        AssertRejected(await _trading.OpenAsync(account, "AAPL"), RejectionReason.AccountNotFound);
        Assert.Null(await account.GetSnapshotAsync());
    }

    [Fact]
    public async Task Malformed_signal_is_refused_by_the_grain()
    {
        var account = await _trading.CreateAccountAsync();
        Assert.Contains("quantity", (await Assert.ThrowsAsync<InvalidInputException>(() => _trading.OpenAsync(account, "AAPL", quantity: 0m))).Errors);
        Assert.Contains("symbol", (await Assert.ThrowsAsync<InvalidInputException>(() => _trading.OpenAsync(account, "BAD SYMBOL"))).Errors);
    }
}
