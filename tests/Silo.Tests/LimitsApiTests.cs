using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary><c>GET</c>/<c>PUT /api/accounts/{id}/limits</c> and <c>POST /api/accounts/{id}/reset-drawdown</c>.</summary>
public sealed class LimitsApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<string> NewAccountAsync(string prefix, decimal balance = 100_000m)
    {
        var id = TestApi.NewAccountId(prefix);
        await _client.CreateAccountAsync(id, balance);
        return id;
    }

    private Task<HttpResponseMessage> PutLimitsAsync(string account, string json) =>
        _client.PutAsync($"/api/accounts/{account}/limits", TestApi.RawJson(json));

    [Fact]
    public async Task The_limits_of_a_new_account_are_the_defaults_with_their_source_and_its_usage()
    {
        var account = await NewAccountAsync("lim");

        var body = await _client.GetJsonAsync($"/api/accounts/{account}/limits");

        Assert.Equal(account, body.String("accountId"));
        var limits = body.GetProperty("limits");
        Assert.Equal(
            ["dailyLossPercent", "flattenOnDailyLoss", "maxDrawdownPercent", "maxNotionalPerOrder", "maxQuantityPerOrder", "maxSignalsPerMinute",
             "stopLossGuardCount", "stopLossGuardLockFor", "stopLossGuardWindow"],
            limits.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("""{"value":100000,"source":"default"}""", limits.GetProperty("maxNotionalPerOrder").GetRawText());
        Assert.Equal("""{"value":null,"source":"default"}""", limits.GetProperty("maxQuantityPerOrder").GetRawText());
        Assert.Equal("""{"value":"01:00:00","source":"default"}""", limits.GetProperty("stopLossGuardWindow").GetRawText());
        Assert.Equal("""{"value":false,"source":"default"}""", limits.GetProperty("flattenOnDailyLoss").GetRawText());

        var usage = body.GetProperty("usage");
        Assert.Equal(0, usage.GetProperty("signalsThisMinute").GetInt32());
        Assert.Equal(100_000m, usage.Decimal("dayStartEquity"));
        Assert.Equal(0m, usage.Decimal("todayLossPercent"));
        Assert.Equal(0m, usage.Decimal("drawdownPercent"));
        // 2025-03-04 is a Tuesday: its trading day runs from 09:30 New York (EST) to Wednesday's.
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 14, 30, 0, TimeSpan.Zero), usage.GetProperty("tradingDayStart").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2025, 3, 5, 14, 30, 0, TimeSpan.Zero), usage.GetProperty("tradingDayEnd").GetDateTimeOffset());
        Assert.Empty(usage.GetProperty("locks").EnumerateArray());
        Assert.Empty(body.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task A_partial_put_overrides_the_named_limits_keeps_the_rest_and_null_restores_a_default()
    {
        var account = await NewAccountAsync("put");

        using (var first = await PutLimitsAsync(account, """{"maxNotionalPerOrder": 5000, "stopLossGuardLockFor": "00:10:00", "flattenOnDailyLoss": true}"""))
        {
            var limits = (await first.ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("limits");
            Assert.Equal("""{"value":5000,"source":"override"}""", limits.GetProperty("maxNotionalPerOrder").GetRawText());
            Assert.Equal("""{"value":"00:10:00","source":"override"}""", limits.GetProperty("stopLossGuardLockFor").GetRawText());
            Assert.Equal("""{"value":true,"source":"override"}""", limits.GetProperty("flattenOnDailyLoss").GetRawText());
        }

        using (var second = await PutLimitsAsync(account, """{"maxNotionalPerOrder": null, "dailyLossPercent": 2.5}"""))
        {
            var body = await second.ShouldBeJsonAsync(HttpStatusCode.OK);
            var limits = body.GetProperty("limits");
            Assert.Equal("""{"value":100000,"source":"default"}""", limits.GetProperty("maxNotionalPerOrder").GetRawText());
            Assert.Equal("""{"value":2.5,"source":"override"}""", limits.GetProperty("dailyLossPercent").GetRawText());
            Assert.Equal("override", limits.GetProperty("stopLossGuardLockFor").String("source")); // not named: unchanged
            var journaled = body.GetProperty("events")[0];
            Assert.Equal("limitsChanged", journaled.String("kind"));
            Assert.Equal("set dailyLossPercent 2.5; restored the default of maxNotionalPerOrder", journaled.String("detail"));
        }

        Assert.Equal("""{"value":2.5,"source":"override"}""",
            (await _client.GetJsonAsync($"/api/accounts/{account}/limits")).GetProperty("limits").GetProperty("dailyLossPercent").GetRawText());
    }

    [Theory]
    [InlineData("""{"maxNotionalPerOrdr": 5000}""", "maxNotionalPerOrdr")]
    [InlineData("""{"maxNotionalPerOrder": "5000"}""", "maxNotionalPerOrder")]
    [InlineData("""{"maxNotionalPerOrder": 0}""", "maxNotionalPerOrder")]
    [InlineData("""{"maxSignalsPerMinute": 2.5}""", "maxSignalsPerMinute")]
    [InlineData("""{"dailyLossPercent": 100.5}""", "dailyLossPercent")]
    [InlineData("""{"flattenOnDailyLoss": "yes"}""", "flattenOnDailyLoss")]
    [InlineData("""{"stopLossGuardWindow": 3600}""", "stopLossGuardWindow")]
    [InlineData("""{"stopLossGuardWindow": "1h"}""", "stopLossGuardWindow")]
    [InlineData("""{"stopLossGuardLockFor": "8.00:00:00"}""", "stopLossGuardLockFor")]
    [InlineData("""{"maxQuantityPerOrder": 0.000000001}""", "maxQuantityPerOrder")]
    [InlineData("""{}""", "body")]
    [InlineData("""[]""", "body")]
    public async Task A_bad_limits_body_is_a_400_naming_the_field_and_changes_nothing(string json, string field)
    {
        var account = await NewAccountAsync("bad");
        var before = (await _client.GetJsonAsync($"/api/accounts/{account}/limits")).GetProperty("limits").GetRawText();

        using var response = await PutLimitsAsync(account, json);

        await response.ShouldBeValidationProblemAsync(field);
        var after = await _client.GetJsonAsync($"/api/accounts/{account}/limits");
        Assert.Equal(before, after.GetProperty("limits").GetRawText());
        Assert.Empty(after.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task A_repeated_limit_in_the_body_is_refused()
    {
        var account = await NewAccountAsync("dup");
        using var response = await PutLimitsAsync(account, """{"maxSignalsPerMinute": 10, "maxSignalsPerMinute": 20}""");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Limits_of_an_unknown_account_are_404()
    {
        using (var get = await _client.GetAsync("/api/accounts/nobody-here/limits"))
        {
            await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        using (var put = await PutLimitsAsync("nobody-here", """{"maxSignalsPerMinute": 10}"""))
        {
            await put.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        using var reset = await _client.PostAsJsonAsync("/api/accounts/nobody-here/reset-drawdown", new { reason = "x" });
        await reset.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_entry_above_the_overridden_notional_is_a_422_orderTooLarge_naming_the_limit_and_the_value()
    {
        var account = await NewAccountAsync("big");
        using (var put = await PutLimitsAsync(account, """{"maxNotionalPerOrder": 1000}"""))
        {
            await put.ShouldBeJsonAsync(HttpStatusCode.OK);
        }

        await _client.PublishQuoteAsync("LIMBIG", 100m, 100.05m);
        using var response = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "LIMBIG", "buy", 10m, "open"));

        var decision = await response.ShouldBeJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("orderTooLarge", decision.String("reason"));
        Assert.Equal("order notional 1,000.5 > 1,000 limit (MaxNotionalPerOrder).", decision.String("detail"));
    }

    [Fact]
    public async Task A_drawdown_halt_is_lifted_by_a_reset_with_a_reason_which_is_journaled()
    {
        var account = await NewAccountAsync("dd", 10_000m);
        using (var put = await PutLimitsAsync(account, """{"maxDrawdownPercent": 0.1}"""))
        {
            await put.ShouldBeJsonAsync(HttpStatusCode.OK);
        }

        await _client.PublishQuoteAsync("LIMDD", 100m, 100.05m);
        using (var open = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "LIMDD", "buy", 10m, "open")))
        {
            await open.ShouldBeJsonAsync(HttpStatusCode.OK);
        }

        await _client.PublishQuoteAsync("LIMDD", 99m, 99.05m);
        var halted = await Poll.UntilAsync(() => _client.GetJsonAsync($"/api/accounts/{account}"),
            s => s.GetProperty("locks").EnumerateArray().Any(l => l.String("reason") == "maxDrawdown"), TimeSpan.FromSeconds(5), "the drawdown halt");
        Assert.Equal(JsonValueKind.Null, halted.GetProperty("locks")[0].GetProperty("until").ValueKind);

        using (var missing = await _client.PostAsJsonAsync($"/api/accounts/{account}/reset-drawdown", new { }))
        {
            await missing.ShouldBeValidationProblemAsync("reason");
        }

        using (var typo = await _client.PostAsync($"/api/accounts/{account}/reset-drawdown", TestApi.RawJson("""{"reasn": "ok"}""")))
        {
            await typo.ShouldBeValidationProblemAsync("reasn");
        }

        using var reset = await _client.PostAsJsonAsync($"/api/accounts/{account}/reset-drawdown", new { reason = "checked with the desk" });
        var body = await reset.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Empty(body.GetProperty("usage").GetProperty("locks").EnumerateArray());
        var journaled = body.GetProperty("events")[0];
        Assert.Equal("drawdownReset", journaled.String("kind"));
        Assert.EndsWith("Reason: checked with the desk", journaled.String("detail"), StringComparison.Ordinal);

        using var again = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "LIMDD", "buy", 1m, "open"));
        await again.ShouldBeJsonAsync(HttpStatusCode.OK);
    }
}
