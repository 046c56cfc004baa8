using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>
/// What a grain client (the CLI, or anyone reaching the gateway) gets for bad input: an <see cref="InvalidInputException"/>
/// carrying the field errors across the wire, and nothing changed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InvalidInputTests(ClusterFixture fixture)
{
    private readonly TradingDriver _trading = fixture.Trading;

    [Fact]
    public async Task A_grain_client_receives_the_field_errors_of_a_refused_signal()
    {
        var account = await _trading.CreateAccountAsync();
        var signal = new TradeSignal("sig\nINFO forged", "AAPL\n", OrderSide.Buy, 0.0000000000000000000000000001m, SignalAction.Open);

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => account.SubmitSignalAsync(signal));

        Assert.Equal(["quantity", "signalId", "symbol"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("quantity must have at most 8 decimal places.", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await account.GetSnapshotAsync())!.Positions);
    }

    [Fact]
    public async Task A_quantity_at_decimal_max_value_is_refused_before_any_rule_runs()
    {
        var account = await _trading.CreateAccountAsync();

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _trading.OpenAsync(account, "AAPL", quantity: decimal.MaxValue));

        Assert.Equal(["quantity"], refused.Errors.Keys);
    }

    [Theory]
    [InlineData("m1\n")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("bad id")]
    public async Task An_account_id_outside_the_pattern_is_refused_at_creation_and_nothing_is_created(string id)
    {
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _trading.Client.Account(id).CreateAsync(1_000m));

        Assert.Equal(["accountId"], refused.Errors.Keys);
        Assert.Null(await _trading.Client.Account(id).GetSnapshotAsync());
        Assert.DoesNotContain(id, await _trading.Client.AccountDirectory().ListAsync());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000000000000.01")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.000000001")]
    public async Task An_initial_balance_outside_the_bounds_is_refused(string balance)
    {
        var id = NewId("bal");

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _trading.Client.Account(id).CreateAsync(decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(["initialBalance"], refused.Errors.Keys);
        Assert.Null(await _trading.Client.Account(id).GetSnapshotAsync());
    }

    [Fact]
    public async Task An_undefined_kill_switch_state_or_a_reason_with_a_newline_is_refused_and_changes_nothing()
    {
        var before = await _trading.Client.KillSwitch().GetStatusAsync();

        var state = await Assert.ThrowsAsync<InvalidInputException>(() => _trading.Client.KillSwitch().SetStateAsync((KillSwitchState)7, null));
        var reason = await Assert.ThrowsAsync<InvalidInputException>(() =>
            _trading.Client.KillSwitch().SetStateAsync(KillSwitchState.Halted, "ok\nWARN forged"));

        Assert.Equal(["state"], state.Errors.Keys);
        Assert.Equal(["reason"], reason.Errors.Keys);
        Assert.Equal(before, await _trading.Client.KillSwitch().GetStatusAsync());
    }

    [Fact]
    public async Task Quotes_from_the_future_replays_and_absurd_prices_are_refused_and_the_latest_quote_stays()
    {
        var symbol = NewId("EDGE");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        var market = _trading.Client.MarketData(symbol);
        var now = fixture.Clock.Now;

        var future = await Assert.ThrowsAsync<InvalidInputException>(() => market.PublishQuoteAsync(new Quote(symbol, 100m, 100.05m, now.AddMinutes(1))));
        var replay = await Assert.ThrowsAsync<InvalidInputException>(() => market.PublishQuoteAsync(new Quote(symbol, 100m, 100.05m, now.AddMinutes(-2))));
        var capped = await Assert.ThrowsAsync<InvalidInputException>(() => market.PublishQuoteAsync(new Quote(symbol, 100m, 20_000_000m, now)));
        var jump = await Assert.ThrowsAsync<InvalidInputException>(() => market.PublishQuoteAsync(new Quote(symbol, 100m, 1_000m, now)));
        var overflow = await Assert.ThrowsAsync<InvalidInputException>(() => market.PublishQuoteAsync(new Quote(symbol, 100m, decimal.MaxValue, now)));

        Assert.Equal(["timestamp"], future.Errors.Keys);
        Assert.Equal(["timestamp"], replay.Errors.Keys);
        Assert.Equal(["ask"], capped.Errors.Keys);
        Assert.Equal(["ask"], jump.Errors.Keys);
        Assert.Equal(["ask"], overflow.Errors.Keys);
        var latest = await market.GetQuoteAsync();
        Assert.Equal(100.05m, latest!.Ask);
    }

    [Fact]
    public async Task A_quote_observed_before_the_latest_does_not_replace_it()
    {
        var symbol = NewId("LATE");
        var market = _trading.Client.MarketData(symbol);
        var now = fixture.Clock.Now;
        await market.PublishQuoteAsync(new Quote(symbol, 101m, 101.05m, now));

        await market.PublishQuoteAsync(new Quote(symbol, 99m, 99.05m, now.AddMilliseconds(-300)));

        var latest = await market.GetQuoteAsync();
        Assert.Equal(101m, latest!.Bid);
        Assert.Equal(now, latest.Timestamp);
    }

    [Fact]
    public async Task An_absurd_quote_cannot_trigger_a_stop()
    {
        var account = await _trading.CreateAccountAsync();
        var symbol = NewId("ABS");
        await _trading.PublishQuoteAsync(symbol, 100m, 100.05m);
        AssertAccepted(await _trading.OpenAsync(account, symbol, side: OrderSide.Sell));

        await Assert.ThrowsAsync<InvalidInputException>(() => _trading.PublishQuoteAsync(symbol, 1_000_000_000m, 1_000_000_000m));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var snapshot = await account.GetSnapshotAsync();
        Assert.Equal(100_000m, snapshot!.Balance);
        Assert.Equal(10m, Assert.Single(snapshot.Positions).Quantity);
    }
}
