using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

public sealed class AccountsApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Creating_an_account_returns_201_with_its_snapshot_and_location()
    {
        var id = TestApi.NewAccountId("create");

        using var response = await _client.PostAccountAsync(id, 25_000m);

        var snapshot = await response.ShouldBeJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/accounts/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(id, snapshot.String("accountId"));
        Assert.Equal(25_000m, snapshot.Decimal("balance"));
        Assert.Equal(25_000m, snapshot.Decimal("equity"));
        Assert.Equal(25_000m, snapshot.Decimal("initialBalance"));
        Assert.Equal(25_000m, snapshot.Decimal("peakEquity"));
        Assert.Equal(0m, snapshot.Decimal("realizedPnl"));
        Assert.Equal(0m, snapshot.Decimal("unrealizedPnl"));
        Assert.Equal(0m, snapshot.Decimal("drawdown"));
        Assert.Equal(0m, snapshot.Decimal("maxDrawdown"));
        Assert.Equal(0, snapshot.GetProperty("wins").GetInt32());
        Assert.Equal(0, snapshot.GetProperty("losses").GetInt32());
        Assert.Equal(0, snapshot.GetProperty("consecutiveLosses").GetInt32());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("cooldownUntil").ValueKind);
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("activeSymbol").ValueKind);
        Assert.Equal(JsonValueKind.Array, snapshot.GetProperty("positions").ValueKind);
        Assert.Equal(0, snapshot.GetProperty("positions").GetArrayLength());
        Assert.Equal(factory.Clock.Now, snapshot.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_created_account_is_readable_at_its_location()
    {
        var id = TestApi.NewAccountId("location");
        using var created = await _client.PostAccountAsync(id, 1_000m);
        var createdSnapshot = await created.ShouldBeJsonAsync(HttpStatusCode.Created);

        using var fetched = await _client.GetAsync(created.Headers.Location);

        var snapshot = await fetched.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal(createdSnapshot.GetRawText(), snapshot.GetRawText());
    }

    [Fact]
    public async Task Creating_an_existing_account_again_returns_409_and_keeps_the_first_balance()
    {
        var id = TestApi.NewAccountId("dup");
        await _client.CreateAccountAsync(id, 5_000m);

        using var again = await _client.PostAccountAsync(id, 9_999m);

        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(id, problem.String("detail"));
        var snapshot = await _client.GetAccountAsync(id);
        Assert.Equal(5_000m, snapshot.Decimal("balance"));
        Assert.Equal(5_000m, snapshot.Decimal("initialBalance"));
    }

    public static TheoryData<string, string, string> InvalidCreateBodies => new()
    {
        // id that the body would have created, raw body, field expected in errors
        { "bad-missing-balance", """{"accountId":"bad-missing-balance"}""", "initialBalance" },
        { "bad-zero-balance", """{"accountId":"bad-zero-balance","initialBalance":0}""", "initialBalance" },
        { "bad-negative-balance", """{"accountId":"bad-negative-balance","initialBalance":-100}""", "initialBalance" },
        { "bad id with spaces", """{"accountId":"bad id with spaces","initialBalance":1000}""", "accountId" },
        { "", """{"initialBalance":1000}""", "accountId" },
        { "", """{"accountId":"","initialBalance":1000}""", "accountId" },
        { "", "{}", "accountId" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreateBodies))]
    public async Task Creating_an_account_with_invalid_fields_returns_400_naming_the_field_and_creates_nothing(string id, string body, string field)
    {
        var before = await ListAccountIdsAsync();

        using var response = await _client.PostAsync("/api/accounts", TestApi.RawJson(body));

        await response.ShouldBeValidationProblemAsync(field);
        Assert.Equal(before, await ListAccountIdsAsync());
        if (id.Length > 0)
        {
            await AssertAccountIsNotFoundAsync(id);
        }
    }

    [Theory]
    [InlineData("""{"accountId":"bad-json-syntax","initialBalance":""")]
    [InlineData("""{"accountId":"bad-json-type","initialBalance":"lots"}""")]
    [InlineData("""{"accountId":"bad-json-array","initialBalance":[1]}""")]
    public async Task Creating_an_account_with_malformed_json_returns_400_problem_and_creates_nothing(string body)
    {
        var id = body.Split('"')[3];

        using var response = await _client.PostAsync("/api/accounts", TestApi.RawJson(body));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.String("detail")));
        await AssertAccountIsNotFoundAsync(id);
    }

    [Fact]
    public async Task Listing_accounts_returns_every_created_account_snapshot()
    {
        var first = TestApi.NewAccountId("list-a");
        var second = TestApi.NewAccountId("list-b");
        await _client.CreateAccountAsync(first, 1_000m);
        await _client.CreateAccountAsync(second, 2_000m);

        using var response = await _client.GetAsync("/api/accounts");

        var list = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        var byId = list.EnumerateArray().ToDictionary(a => a.String("accountId")!);
        Assert.Equal(1_000m, byId[first].Decimal("balance"));
        Assert.Equal(2_000m, byId[second].Decimal("balance"));
    }

    [Theory]
    [InlineData("never-created")]
    [InlineData("not%20valid%21")]
    public async Task Getting_an_unknown_account_returns_404_problem(string id)
    {
        using var response = await _client.GetAsync($"/api/accounts/{id}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Accounts_are_stored_in_the_configured_sqlite_file()
    {
        var id = TestApi.NewAccountId("file");
        await _client.CreateAccountAsync(id);

        Assert.True(File.Exists(factory.DatabasePath), $"Expected the SQLite file at {factory.DatabasePath}");
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM OrleansStorage WHERE GrainIdExtensionString LIKE '%' || $id || '%'";
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_stop_crossed_by_a_stale_quote_shows_as_waiting_with_the_quote_age()
    {
        var id = TestApi.NewAccountId("stale-stop");
        await _client.CreateAccountAsync(id);
        var start = factory.Clock.Now;
        try
        {
            await _client.PublishQuoteAsync("STALESTOP", 100.00m, 100.05m);
            using (var opened = await _client.PostSignalAsync(id, TestApi.Signal(TestApi.NewSignalId(), "STALESTOP", "buy", 10m, "open")))
            {
                await opened.ShouldBeJsonAsync(HttpStatusCode.OK);
            }

            var armed = Assert.Single((await _client.GetAccountAsync(id)).GetProperty("positions").EnumerateArray());
            Assert.Equal("armed", armed.String("stopStatus"));
            Assert.Equal(0L, armed.GetProperty("quoteAgeMs").GetInt64());

            // Below the 98.049 stop, but stamped 1 s before the (moved) clock: stale, so the stop waits.
            factory.Clock.Advance(TimeSpan.FromSeconds(2));
            await _client.PublishQuoteAsync("STALESTOP", 97.00m, 97.05m, start.AddSeconds(1));

            var waiting = Assert.Single((await _client.GetAccountAsync(id)).GetProperty("positions").EnumerateArray());
            Assert.Equal("waitingForFreshQuote", waiting.String("stopStatus"));
            Assert.Equal(1_000L, waiting.GetProperty("quoteAgeMs").GetInt64());
            Assert.Equal(97.00m, waiting.Decimal("currentPrice"));
        }
        finally
        {
            factory.Clock.Now = start;
        }
    }

    [Fact]
    public async Task Health_endpoint_returns_200_when_the_engine_answers()
    {
        using var response = await _client.GetAsync("/health");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body);
    }

    private async Task<string[]> ListAccountIdsAsync()
    {
        using var response = await _client.GetAsync("/api/accounts");
        var list = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        return list.EnumerateArray().Select(a => a.String("accountId")!).Order(StringComparer.Ordinal).ToArray();
    }

    private async Task AssertAccountIsNotFoundAsync(string id)
    {
        using var response = await _client.GetAsync($"/api/accounts/{Uri.EscapeDataString(id)}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
