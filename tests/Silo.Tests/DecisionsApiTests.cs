using System.Net;
using System.Text.Json;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary>The decisions journal over HTTP, and the signal id as a durable idempotency key.</summary>
public sealed class DecisionsApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Account_decisions_list_accepted_and_rejected_signals_newest_first_with_reasons_and_filter_by_status()
    {
        var account = TestApi.NewAccountId("decisions");
        await _client.CreateAccountAsync(account);
        await PostAsync(account, "d-1", "DEC1", HttpStatusCode.UnprocessableEntity); // no quote yet
        await _client.PublishQuoteAsync("DEC1", 100m, 100.05m);
        await PostAsync(account, "d-2", "DEC1", HttpStatusCode.OK);
        await PostAsync(account, "d-3", "DEC2", HttpStatusCode.UnprocessableEntity); // one symbol per account

        var all = await GetJsonAsync($"/api/accounts/{account}/decisions");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["d-3", "d-2", "d-1"], items.Select(i => i.String("signalId")));
        Assert.Equal("symbolLocked", items[0].String("reason"));
        Assert.Equal("accepted", items[1].String("status"));
        Assert.Equal("DEC1", items[1].String("symbol"));
        Assert.Equal("buy", items[1].String("side"));
        Assert.Equal(10m, items[1].Decimal("quantity"));
        Assert.Equal(100.05m, items[1].Decimal("averagePrice"));
        Assert.False(string.IsNullOrEmpty(items[1].String("orderId")));
        Assert.Equal("noQuote", items[2].String("reason"));
        Assert.False(string.IsNullOrEmpty(items[2].String("detail")));

        var rejected = await GetJsonAsync($"/api/accounts/{account}/decisions?status=rejected&limit=1&offset=1");
        Assert.Equal(2, rejected.GetProperty("total").GetInt32());
        Assert.Equal("d-1", Assert.Single(rejected.GetProperty("items").EnumerateArray()).String("signalId"));
    }

    [Fact]
    public async Task The_latest_decisions_across_accounts_include_every_account_newest_first()
    {
        var first = TestApi.NewAccountId("feed");
        var second = TestApi.NewAccountId("feed");
        await _client.CreateAccountAsync(first);
        await _client.CreateAccountAsync(second);
        await PostAsync(first, "f-1", "FEEDX", HttpStatusCode.UnprocessableEntity);
        factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await PostAsync(second, "f-2", "FEEDX", HttpStatusCode.UnprocessableEntity);

        var latest = await GetJsonAsync("/api/decisions?limit=500");
        var ours = latest.EnumerateArray().Where(d => d.String("accountId") == first || d.String("accountId") == second).ToList();
        Assert.Equal(["f-2", "f-1"], ours.Select(d => d.String("signalId")));
    }

    [Theory]
    [InlineData("/api/accounts/{0}/decisions?status=filled", "status")]
    [InlineData("/api/accounts/{0}/decisions?limit=0", "limit")]
    [InlineData("/api/accounts/{0}/decisions?offset=-1", "offset")]
    [InlineData("/api/decisions?limit=501", "limit")]
    public async Task Bad_decision_queries_get_400_naming_the_parameter(string route, string field)
    {
        var account = TestApi.NewAccountId("badq");
        await _client.CreateAccountAsync(account);
        using var response = await _client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, account));
        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Decisions_of_an_unknown_account_are_404()
    {
        using var response = await _client.GetAsync($"/api/accounts/{TestApi.NewAccountId("nobody")}/decisions");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reused_signal_id_with_different_content_is_409_naming_the_first_decision_and_the_fields_and_trades_nothing()
    {
        var account = TestApi.NewAccountId("conflict");
        await _client.CreateAccountAsync(account);
        await _client.PublishQuoteAsync("CONF1", 100m, 100.05m);
        var first = await PostAsync(account, "same", "CONF1", HttpStatusCode.OK);

        using var response = await _client.PostSignalAsync(account, TestApi.Signal("same", "CONF1", "buy", 25m, "open"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("same", problem.String("detail"), StringComparison.Ordinal);
        Assert.Equal(["quantity"], problem.GetProperty("differingFields").EnumerateArray().Select(f => f.GetString()));
        var firstDecision = problem.GetProperty("firstDecision");
        Assert.Equal(first.String("orderId"), firstDecision.String("orderId"));
        Assert.Equal(10m, firstDecision.Decimal("quantity"));
        Assert.Equal("accepted", firstDecision.String("status"));
        var snapshot = await _client.GetAccountAsync(account);
        Assert.Equal(10m, Assert.Single(snapshot.GetProperty("positions").EnumerateArray()).Decimal("quantity"));
    }

    private async Task<JsonElement> PostAsync(string account, string signalId, string symbol, HttpStatusCode expected)
    {
        using var response = await _client.PostSignalAsync(account, TestApi.Signal(signalId, symbol, "buy", 10m, "open"));
        return await response.ShouldBeJsonAsync(expected);
    }

    private async Task<JsonElement> GetJsonAsync(string route)
    {
        using var response = await _client.GetAsync(route);
        return await response.ShouldBeJsonAsync(HttpStatusCode.OK);
    }
}
