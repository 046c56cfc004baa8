using System.Net;
using System.Net.Http.Json;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary>
/// The validation gaps of the adversarial review (issue 11, items 5 and 8, and absurd quotes), each a 400 that names
/// the field and changes nothing.
/// </summary>
public sealed class StrictInputApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("m1\n")]
    [InlineData("m1\r\n")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("m\u00001")]
    public async Task An_account_id_with_a_trailing_newline_a_control_character_or_a_dot_segment_is_refused(string id)
    {
        using var response = await _client.PostAccountAsync(id, 1_000m);

        await response.ShouldBeValidationProblemAsync("accountId");
        using var list = await _client.GetAsync("/api/accounts");
        Assert.DoesNotContain(id, (await list.ShouldBeJsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(a => a.String("accountId")));
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1000000000000.5")]
    public async Task An_initial_balance_that_is_dust_or_could_overflow_is_refused(string balance)
    {
        using var response = await _client.PostAsync("/api/accounts", TestApi.RawJson($$"""{"accountId":"{{TestApi.NewAccountId("bal")}}","initialBalance":{{balance}}}"""));

        await response.ShouldBeValidationProblemAsync("initialBalance");
    }

    [Theory]
    [InlineData("sig-1\n")]
    [InlineData("sig-1\r\n2025-01-01 INFO forged")]
    [InlineData("sig\u001b[2J")]
    public async Task A_signal_id_with_control_characters_is_refused(string signalId)
    {
        var account = await NewAccountAsync();

        using var response = await _client.PostSignalAsync(account, new { signalId, symbol = "STR", side = "buy", quantity = 1m, action = "open" });

        await response.ShouldBeValidationProblemAsync("signalId");
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1000000000.5")]
    public async Task A_quantity_that_is_dust_or_could_overflow_is_refused(string quantity)
    {
        var account = await NewAccountAsync();

        using var response = await _client.PostAsync($"/api/accounts/{account}/signals",
            TestApi.RawJson($$"""{"signalId":"{{TestApi.NewSignalId()}}","symbol":"STR","side":"buy","quantity":{{quantity}},"action":"open"}"""));

        await response.ShouldBeValidationProblemAsync("quantity");
    }

    [Fact]
    public async Task A_misspelled_optional_field_is_refused_by_name_instead_of_trading_with_the_default_stop()
    {
        var account = await NewAccountAsync();
        await _client.PublishQuoteAsync("STR", 100m, 100.05m);

        using var response = await _client.PostAsync($"/api/accounts/{account}/signals",
            TestApi.RawJson($$"""{"signalId":"{{TestApi.NewSignalId()}}","symbol":"STR","side":"buy","quantity":1,"action":"open","stopLossPct":5}"""));

        var problem = await response.ShouldBeValidationProblemAsync("stopLossPct");
        Assert.Contains("not a field of this request", problem.GetProperty("errors").GetProperty("stopLossPct")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("stopLossPercent", problem.String("detail"), StringComparison.Ordinal);
        Assert.Empty((await _client.GetAccountAsync(account)).GetProperty("positions").EnumerateArray());
    }

    [Theory]
    [InlineData("quantity", """{"signalId":"{id}","symbol":"STR","side":"buy","quantity":"10","action":"open"}""")]
    [InlineData("stopLossPercent", """{"signalId":"{id}","symbol":"STR","side":"buy","quantity":10,"action":"open","stopLossPercent":"2"}""")]
    [InlineData("quantity", """{"signalId":"{id}","symbol":"STR","side":"buy","quantity":1,"quantity":1000,"action":"open"}""")]
    public async Task A_number_sent_as_a_string_or_a_repeated_field_is_refused_naming_the_field(string field, string template)
    {
        var account = await NewAccountAsync();
        await _client.PublishQuoteAsync("STR", 100m, 100.05m);

        using var response = await _client.PostAsync($"/api/accounts/{account}/signals", TestApi.RawJson(template.Replace("{id}", TestApi.NewSignalId(), StringComparison.Ordinal)));

        await response.ShouldBeValidationProblemAsync(field);
        Assert.Empty((await _client.GetAccountAsync(account)).GetProperty("positions").EnumerateArray());
    }

    [Fact]
    public async Task An_initial_balance_sent_as_a_string_is_refused_naming_the_field()
    {
        using var response = await _client.PostAsync("/api/accounts", TestApi.RawJson($$"""{"accountId":"{{TestApi.NewAccountId("str")}}","initialBalance":"1000"}"""));

        await response.ShouldBeValidationProblemAsync("initialBalance");
    }

    [Theory]
    [InlineData("side", "buy,sell")]
    [InlineData("side", "sell, buy")]
    [InlineData("side", "1")]
    [InlineData("side", "+1")]
    [InlineData("action", "open,close")]
    [InlineData("action", "0")]
    public async Task Signal_words_are_names_only_never_numbers_or_flag_combinations(string field, string word)
    {
        var account = await NewAccountAsync();
        await _client.PublishQuoteAsync("STR", 100m, 100.05m);
        var side = field == "side" ? word : "buy";
        var action = field == "action" ? word : "open";

        using var response = await _client.PostSignalAsync(account, new { signalId = TestApi.NewSignalId(), symbol = "STR", side, quantity = 1m, action });

        await response.ShouldBeValidationProblemAsync(field);
        Assert.Empty((await _client.GetAccountAsync(account)).GetProperty("positions").EnumerateArray());
    }

    [Fact]
    public async Task Signal_words_are_case_insensitive()
    {
        var account = await NewAccountAsync();
        await _client.PublishQuoteAsync("STR", 100m, 100.05m);

        using var response = await _client.PostSignalAsync(account, new { signalId = TestApi.NewSignalId(), symbol = "str", side = "BUY", quantity = 1m, action = "Open" });

        Assert.Equal("accepted", (await response.ShouldBeJsonAsync(HttpStatusCode.OK)).String("status"));
    }

    [Theory]
    [InlineData("""{"state":"+2"}""", "state")]
    [InlineData("""{"state":"active,halted"}""", "state")]
    [InlineData("""{"state":"halted, active"}""", "state")]
    [InlineData("""{"state":2}""", "state")]
    [InlineData("""{"state":"halted","reason":"done\nWARN forged"}""", "reason")]
    [InlineData("""{"state":"halted","reasn":"typo"}""", "reasn")]
    public async Task Kill_switch_words_are_strict_and_a_refused_change_leaves_trading_active(string body, string field)
    {
        using var response = await _client.PutAsync("/api/kill-switch", TestApi.RawJson(body));

        await response.ShouldBeValidationProblemAsync(field);
        using var after = await _client.GetAsync("/api/kill-switch");
        Assert.Equal("active", (await after.ShouldBeJsonAsync(HttpStatusCode.OK)).String("state"));
    }

    [Theory]
    [InlineData("accepted,rejected")]
    [InlineData("rejected, accepted")]
    [InlineData("0")]
    [InlineData("+1")]
    public async Task The_decisions_status_filter_takes_words_only(string status)
    {
        var account = await NewAccountAsync();

        using var response = await _client.GetAsync($"/api/accounts/{account}/decisions?status={Uri.EscapeDataString(status)}");

        await response.ShouldBeValidationProblemAsync("status");
    }

    [Theory]
    [InlineData("timestamp", """{"bid":100,"ask":100.05,"timestamp":"9999-12-31T00:00:00Z"}""")]
    [InlineData("timestamp", """{"bid":100,"ask":100.05,"timestamp":"2000-01-01T00:00:00Z"}""")]
    [InlineData("ask", """{"bid":100,"ask":1000000000}""")]
    [InlineData("ask", """{"bid":100,"ask":79228162514264337593543950335}""")]
    [InlineData("bid", """{"bid":"100","ask":100.05}""")]
    [InlineData("bidSz", """{"bid":100,"ask":100.05,"bidSz":5}""")]
    public async Task Quotes_from_the_future_replays_absurd_prices_and_loose_json_are_refused(string field, string body)
    {
        var symbol = $"Q{Guid.NewGuid():N}"[..12];
        await _client.PublishQuoteAsync(symbol, 100m, 100.05m);

        using var response = await _client.PutAsync($"/api/quotes/{symbol}", TestApi.RawJson(body));

        await response.ShouldBeValidationProblemAsync(field);
        using var get = await _client.GetAsync($"/api/quotes/{symbol}");
        Assert.Equal(100.05m, (await get.ShouldBeJsonAsync(HttpStatusCode.OK)).Decimal("ask"));
    }

    [Fact]
    public async Task A_jump_beyond_the_limit_is_refused_by_the_market_data_grain_as_a_400_naming_the_side()
    {
        await _client.PublishQuoteAsync("JUMP", 100m, 100.05m);

        using var response = await _client.PutQuoteAsync("JUMP", 100m, 1_000m);

        var problem = await response.ShouldBeValidationProblemAsync("ask");
        Assert.Contains("Trading:Quotes:MaxJumpPercent", problem.String("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_older_than_the_latest_is_answered_but_does_not_replace_it()
    {
        await _client.PublishQuoteAsync("ORDER", 100m, 100.05m);

        await _client.PublishQuoteAsync("ORDER", 90m, 90.05m, factory.Clock.Now.AddSeconds(-1));

        using var get = await _client.GetAsync("/api/quotes/ORDER");
        Assert.Equal(100m, (await get.ShouldBeJsonAsync(HttpStatusCode.OK)).Decimal("bid"));
    }

    [Fact]
    public async Task A_quote_that_is_merely_stale_is_still_kept()
    {
        using var response = await _client.PutQuoteAsync("STALEKEEP", 100m, 100.05m, factory.Clock.Now.AddSeconds(-30));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var get = await _client.GetAsync("/api/quotes/STALEKEEP");
        await get.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var response = await _client.PostAsync("/api/accounts", new StringContent("accountId=x", System.Text.Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<string> NewAccountAsync()
    {
        var id = TestApi.NewAccountId("strict");
        await _client.CreateAccountAsync(id);
        return id;
    }
}
