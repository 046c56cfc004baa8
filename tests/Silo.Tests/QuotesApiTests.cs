using System.Net;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

public sealed class QuotesApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Publishing_a_quote_returns_204_and_it_is_readable_under_the_upper_case_symbol()
    {
        var timestamp = factory.Clock.Now.AddMilliseconds(-120);

        using var put = await _client.PutQuoteAsync("msft", 410.10m, 410.20m, timestamp);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Empty(await put.Content.ReadAsStringAsync());
        foreach (var path in new[] { "/api/quotes/MSFT", "/api/quotes/msft" })
        {
            using var get = await _client.GetAsync(path);
            var quote = await get.ShouldBeJsonAsync(HttpStatusCode.OK);
            Assert.Equal("MSFT", quote.String("symbol"));
            Assert.Equal(410.10m, quote.Decimal("bid"));
            Assert.Equal(410.20m, quote.Decimal("ask"));
            Assert.Equal(timestamp, quote.GetProperty("timestamp").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task A_quote_without_timestamp_is_stamped_with_the_trading_clock()
    {
        await _client.PublishQuoteAsync("NOTS", 10m, 10.01m);

        using var get = await _client.GetAsync("/api/quotes/NOTS");

        var quote = await get.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal(factory.Clock.Now, quote.GetProperty("timestamp").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_newer_quote_replaces_the_previous_one()
    {
        await _client.PublishQuoteAsync("REPL", 10m, 10.01m);
        await _client.PublishQuoteAsync("REPL", 11m, 11.02m);

        using var get = await _client.GetAsync("/api/quotes/REPL");

        var quote = await get.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal(11m, quote.Decimal("bid"));
        Assert.Equal(11.02m, quote.Decimal("ask"));
    }

    [Theory]
    [InlineData("BADBID0", """{"bid":0,"ask":1}""", "bid")]
    [InlineData("BADBIDNEG", """{"bid":-1,"ask":1}""", "bid")]
    [InlineData("BADASK", """{"bid":100,"ask":99.99}""", "ask")]
    [InlineData("NOBID", """{"ask":100}""", "bid")]
    [InlineData("NOASK", """{"bid":100}""", "ask")]
    [InlineData("BADSIZE", """{"bid":100,"ask":100.01,"bidSize":-5}""", "bidSize")]
    public async Task Publishing_an_invalid_quote_returns_400_naming_the_field_and_publishes_nothing(string symbol, string body, string field)
    {
        using var put = await _client.PutAsync($"/api/quotes/{symbol}", TestApi.RawJson(body));

        await put.ShouldBeValidationProblemAsync(field);
        using var get = await _client.GetAsync($"/api/quotes/{symbol}");
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_quote_leaves_the_previous_quote_in_place()
    {
        await _client.PublishQuoteAsync("KEEP", 50m, 50.01m);

        using var put = await _client.PutQuoteAsync("KEEP", 50m, 49m);

        await put.ShouldBeValidationProblemAsync("ask");
        using var get = await _client.GetAsync("/api/quotes/KEEP");
        var quote = await get.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal(50.01m, quote.Decimal("ask"));
    }

    [Fact]
    public async Task Publishing_a_quote_for_an_invalid_symbol_returns_400()
    {
        using var put = await _client.PutQuoteAsync("AAPL%24", 1m, 1.01m);

        await put.ShouldBeValidationProblemAsync("symbol");
    }

    [Fact]
    public async Task Publishing_malformed_json_returns_400_problem()
    {
        using var put = await _client.PutAsync("/api/quotes/MALF", TestApi.RawJson("""{"bid":"cheap","ask":1}"""));

        var problem = await put.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.String("detail")));
        using var get = await _client.GetAsync("/api/quotes/MALF");
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("NEVERQUOTED")]
    [InlineData("AAPL%24")]
    public async Task Getting_a_quote_that_was_never_published_returns_404_problem(string symbol)
    {
        using var get = await _client.GetAsync($"/api/quotes/{symbol}");

        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
