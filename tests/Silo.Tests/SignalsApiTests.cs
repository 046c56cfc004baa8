using System.Net;
using System.Text.Json;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

public sealed class SignalsApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private const decimal Balance = 100_000m;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task An_accepted_buy_returns_200_with_fill_price_and_default_two_percent_stop()
    {
        var account = await NewAccountAsync("buy");
        await _client.PublishQuoteAsync("ACC1", 100.00m, 100.05m);

        using var response = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "ACC1", "buy", 10m, "open"));

        var decision = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["averagePrice", "filledQuantity", "orderId", "status", "stopLossPrice"], PropertyNames(decision));
        Assert.Equal("accepted", decision.String("status"));
        Assert.False(string.IsNullOrWhiteSpace(decision.String("orderId")));
        Assert.Equal(10m, decision.Decimal("filledQuantity"));
        Assert.Equal(100.05m, decision.Decimal("averagePrice"));
        Assert.Equal(98.049m, decision.Decimal("stopLossPrice"));
    }

    [Fact]
    public async Task An_accepted_open_shows_up_as_a_position_in_the_account_snapshot()
    {
        var account = await NewAccountAsync("position");
        await _client.PublishQuoteAsync("POS1", 100.00m, 100.05m);

        using var response = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "pos1", "buy", 10m, "open"));
        await response.ShouldBeJsonAsync(HttpStatusCode.OK);

        var snapshot = await _client.GetAccountAsync(account);
        Assert.Equal(Balance, snapshot.Decimal("balance"));
        Assert.Equal("POS1", snapshot.String("activeSymbol"));
        var position = Assert.Single(snapshot.GetProperty("positions").EnumerateArray());
        Assert.Equal("POS1", position.String("symbol"));
        Assert.Equal("long", position.String("side"));
        Assert.Equal(10m, position.Decimal("quantity"));
        Assert.Equal(100.05m, position.Decimal("entryPrice"));
        Assert.Equal(98.049m, position.Decimal("stopLossPrice"));
        Assert.Equal(100.00m, position.Decimal("currentPrice"));
        Assert.Equal(-0.5m, position.Decimal("unrealizedPnl"));
        Assert.Equal(factory.Clock.Now, position.GetProperty("openedAt").GetDateTimeOffset());
        Assert.Equal(Balance - 0.5m, snapshot.Decimal("equity"));
    }

    [Fact]
    public async Task Closing_an_open_position_returns_200_with_realized_pnl_and_books_it_to_the_balance()
    {
        var account = await NewAccountAsync("close");
        await _client.PublishQuoteAsync("CLOSE", 100.00m, 100.05m);
        using (var open = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "CLOSE", "buy", 10m, "open")))
        {
            await open.ShouldBeJsonAsync(HttpStatusCode.OK);
        }

        using var close = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "CLOSE", "sell", 10m, "close"));

        var decision = await close.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal("accepted", decision.String("status"));
        Assert.Equal(10m, decision.Decimal("filledQuantity"));
        Assert.Equal(100.00m, decision.Decimal("averagePrice"));
        Assert.Equal(-0.5m, decision.Decimal("realizedPnl"));
        Assert.False(decision.Has("reason"));
        var snapshot = await _client.GetAccountAsync(account);
        Assert.Empty(snapshot.GetProperty("positions").EnumerateArray());
        Assert.Equal(Balance - 0.5m, snapshot.Decimal("balance"));
        Assert.Equal(1, snapshot.GetProperty("losses").GetInt32());
    }

    [Fact]
    public async Task A_wide_spread_is_rejected_with_422_spreadTooWide()
    {
        var account = await NewAccountAsync("wide");
        await _client.PublishQuoteAsync("WIDE", 100m, 101m);

        var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "WIDE", "buy", 10m, "open"));

        Assert.Equal("spreadTooWide", decision.String("reason"));
        await AssertNoPositionAsync(account);
    }

    [Fact]
    public async Task A_quote_older_than_500_ms_is_rejected_with_422_staleQuote()
    {
        var account = await NewAccountAsync("stale");
        await _client.PublishQuoteAsync("STALE", 100.00m, 100.05m, factory.Clock.Now.AddMilliseconds(-501));

        var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "STALE", "buy", 10m, "open"));

        Assert.Equal("staleQuote", decision.String("reason"));
        await AssertNoPositionAsync(account);
    }

    [Fact]
    public async Task A_quote_exactly_500_ms_old_is_still_fresh()
    {
        var account = await NewAccountAsync("edge");
        await _client.PublishQuoteAsync("EDGE", 100.00m, 100.05m, factory.Clock.Now.AddMilliseconds(-500));

        using var response = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "EDGE", "buy", 10m, "open"));

        var decision = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal("accepted", decision.String("status"));
    }

    [Fact]
    public async Task A_quote_goes_stale_as_the_trading_clock_moves_on()
    {
        var account = await NewAccountAsync("aging");
        await _client.PublishQuoteAsync("AGING", 100.00m, 100.05m);
        var start = factory.Clock.Now;
        factory.Clock.Advance(TimeSpan.FromMilliseconds(750));
        try
        {
            var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "AGING", "buy", 10m, "open"));

            Assert.Equal("staleQuote", decision.String("reason"));
        }
        finally
        {
            factory.Clock.Now = start;
        }
    }

    [Fact]
    public async Task Opening_without_any_quote_is_rejected_with_422_noQuote()
    {
        var account = await NewAccountAsync("noquote");

        var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "NOQUOTE1", "buy", 1m, "open"));

        Assert.Equal("noQuote", decision.String("reason"));
    }

    [Fact]
    public async Task Opening_a_second_symbol_while_holding_one_is_rejected_with_422_symbolLocked()
    {
        var account = await NewAccountAsync("lock");
        await _client.PublishQuoteAsync("LOCKA", 100.00m, 100.05m);
        await _client.PublishQuoteAsync("LOCKB", 50.00m, 50.01m);
        using (var open = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "LOCKA", "buy", 10m, "open")))
        {
            await open.ShouldBeJsonAsync(HttpStatusCode.OK);
        }

        var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "LOCKB", "buy", 10m, "open"));

        Assert.Equal("symbolLocked", decision.String("reason"));
        var snapshot = await _client.GetAccountAsync(account);
        Assert.Equal("LOCKA", Assert.Single(snapshot.GetProperty("positions").EnumerateArray()).String("symbol"));
    }

    [Fact]
    public async Task Opening_the_opposite_side_of_a_held_symbol_is_rejected_with_422_symbolLocked()
    {
        var account = await NewAccountAsync("flip");
        await _client.PublishQuoteAsync("FLIP", 100.00m, 100.05m);
        using (var open = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "FLIP", "buy", 10m, "open")))
        {
            await open.ShouldBeJsonAsync(HttpStatusCode.OK);
        }

        var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "FLIP", "sell", 10m, "open"));

        Assert.Equal("symbolLocked", decision.String("reason"));
    }

    [Fact]
    public async Task Closing_with_nothing_open_is_rejected_with_422_noOpenPosition()
    {
        var account = await NewAccountAsync("nothing");
        await _client.PublishQuoteAsync("NOPOS", 100.00m, 100.05m);

        var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "NOPOS", "sell", 10m, "close"));

        Assert.Equal("noOpenPosition", decision.String("reason"));
    }

    [Fact]
    public async Task An_order_larger_than_the_balance_is_rejected_with_422_insufficientFunds()
    {
        var account = await NewAccountAsync("funds", initialBalance: 500m);
        await _client.PublishQuoteAsync("FUNDS", 100.00m, 100.05m);

        var decision = await SubmitRejectedAsync(account, TestApi.Signal(TestApi.NewSignalId(), "FUNDS", "buy", 10m, "open"));

        Assert.Equal("insufficientFunds", decision.String("reason"));
    }

    [Fact]
    public async Task Resending_an_accepted_signal_returns_the_first_decision_and_trades_once()
    {
        var account = await NewAccountAsync("idem");
        await _client.PublishQuoteAsync("IDEM", 100.00m, 100.05m);
        var signal = TestApi.Signal(TestApi.NewSignalId(), "IDEM", "buy", 10m, "open");
        using var first = await _client.PostSignalAsync(account, signal);
        var firstDecision = await first.ShouldBeJsonAsync(HttpStatusCode.OK);
        await _client.PublishQuoteAsync("IDEM", 101.00m, 101.05m);

        using var again = await _client.PostSignalAsync(account, signal);

        var againDecision = await again.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal(firstDecision.GetRawText(), againDecision.GetRawText());
        var position = Assert.Single((await _client.GetAccountAsync(account)).GetProperty("positions").EnumerateArray());
        Assert.Equal(10m, position.Decimal("quantity"));
    }

    [Fact]
    public async Task Resending_a_rejected_signal_returns_the_first_rejection_even_when_it_would_now_pass()
    {
        var account = await NewAccountAsync("idemrej");
        await _client.PublishQuoteAsync("IDEMREJ", 100m, 101m);
        var signal = TestApi.Signal(TestApi.NewSignalId(), "IDEMREJ", "buy", 10m, "open");
        var firstDecision = await SubmitRejectedAsync(account, signal);
        await _client.PublishQuoteAsync("IDEMREJ", 100.00m, 100.05m);

        var againDecision = await SubmitRejectedAsync(account, signal);

        Assert.Equal("spreadTooWide", againDecision.String("reason"));
        Assert.Equal(firstDecision.GetRawText(), againDecision.GetRawText());
        await AssertNoPositionAsync(account);
    }

    public static TheoryData<string, string> InvalidSignals => new()
    {
        // "{id}" is replaced by a fresh signal id; the field expected in errors comes second.
        { """{"symbol":"VAL","side":"buy","quantity":10,"action":"open"}""", "signalId" },
        { """{"signalId":"  ","symbol":"VAL","side":"buy","quantity":10,"action":"open"}""", "signalId" },
        { """{"signalId":"{id}","side":"buy","quantity":10,"action":"open"}""", "symbol" },
        { """{"signalId":"{id}","symbol":"VAL$","side":"buy","quantity":10,"action":"open"}""", "symbol" },
        { """{"signalId":"{id}","symbol":"ABCDEFGHIJKLMNOPQ","side":"buy","quantity":10,"action":"open"}""", "symbol" },
        { """{"signalId":"{id}","symbol":"VAL","quantity":10,"action":"open"}""", "side" },
        { """{"signalId":"{id}","symbol":"VAL","side":"hold","quantity":10,"action":"open"}""", "side" },
        { """{"signalId":"{id}","symbol":"VAL","side":"0","quantity":10,"action":"open"}""", "side" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","quantity":10}""", "action" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","quantity":10,"action":"flip"}""", "action" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","action":"open"}""", "quantity" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","quantity":0,"action":"open"}""", "quantity" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","quantity":-5,"action":"open"}""", "quantity" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","quantity":10,"action":"open","stopLossPercent":0}""", "stopLossPercent" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","quantity":10,"action":"open","stopLossPercent":100}""", "stopLossPercent" },
        { """{"signalId":"{id}","symbol":"VAL","side":"buy","quantity":10,"action":"open","trailingStopPercent":-1}""", "trailingStopPercent" },
        { "{}", "signalId" },
    };

    [Theory]
    [MemberData(nameof(InvalidSignals))]
    public async Task An_invalid_signal_returns_400_naming_the_field_and_leaves_the_account_unchanged(string template, string field)
    {
        var account = await NewAccountAsync("invalid");
        await _client.PublishQuoteAsync("VAL", 100.00m, 100.05m);
        var before = await _client.GetAccountTextAsync(account);
        var signalId = TestApi.NewSignalId();

        using var response = await _client.PostAsync($"/api/accounts/{account}/signals", TestApi.RawJson(template.Replace("{id}", signalId)));

        await response.ShouldBeValidationProblemAsync(field);
        Assert.Equal(before, await _client.GetAccountTextAsync(account));
        await AssertNoPositionAsync(account);
        if (template.Contains("{id}", StringComparison.Ordinal))
        {
            // The 400 left no decision behind: the same signal id is still free to trade.
            using var valid = await _client.PostSignalAsync(account, TestApi.Signal(signalId, "VAL", "buy", 10m, "open"));
            Assert.Equal("accepted", (await valid.ShouldBeJsonAsync(HttpStatusCode.OK)).String("status"));
        }
    }

    [Theory]
    [InlineData("""{"signalId":"s","symbol":"VAL","side":"buy","quantity":"ten","action":"open"}""")]
    [InlineData("""{"signalId":"s","symbol":"VAL",""")]
    [InlineData("""{"signalId":"s","symbol":"VAL","side":1,"quantity":10,"action":"open"}""")]
    public async Task A_malformed_signal_body_returns_400_problem_and_leaves_the_account_unchanged(string body)
    {
        var account = await NewAccountAsync("malformed");
        await _client.PublishQuoteAsync("VAL", 100.00m, 100.05m);
        var before = await _client.GetAccountTextAsync(account);

        using var response = await _client.PostAsync($"/api/accounts/{account}/signals", TestApi.RawJson(body));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.String("detail")));
        Assert.Equal(before, await _client.GetAccountTextAsync(account));
    }

    [Theory]
    [InlineData("no-such-account")]
    [InlineData("bad%24account")]
    public async Task A_signal_for_an_unknown_account_returns_404_problem(string account)
    {
        await _client.PublishQuoteAsync("VAL", 100.00m, 100.05m);

        using var response = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "VAL", "buy", 10m, "open"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<string> NewAccountAsync(string prefix, decimal initialBalance = Balance)
    {
        var id = TestApi.NewAccountId(prefix);
        await _client.CreateAccountAsync(id, initialBalance);
        return id;
    }

    /// <summary>Submits a signal that must be rejected: 422 with exactly status, reason and detail.</summary>
    private async Task<JsonElement> SubmitRejectedAsync(string account, object signal)
    {
        using var response = await _client.PostSignalAsync(account, signal);
        var decision = await response.ShouldBeJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["detail", "reason", "status"], PropertyNames(decision));
        Assert.Equal("rejected", decision.String("status"));
        Assert.False(string.IsNullOrWhiteSpace(decision.String("detail")));
        return decision;
    }

    private async Task AssertNoPositionAsync(string account)
    {
        var snapshot = await _client.GetAccountAsync(account);
        Assert.Empty(snapshot.GetProperty("positions").EnumerateArray());
        Assert.Equal(Balance, snapshot.Decimal("balance"));
    }

    private static string[] PropertyNames(JsonElement element) =>
        element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
}
