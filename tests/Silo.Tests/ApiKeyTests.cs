using System.Net;
using System.Net.Http.Json;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

public sealed class ApiKeyTests(ApiKeySiloApiFactory factory) : IClassFixture<ApiKeySiloApiFactory>
{
    private const string HeaderName = "X-Api-Key";

    public static TheoryData<string, string, string?> ApiCalls => new()
    {
        { "GET", "/api/accounts", null },
        { "POST", "/api/accounts", """{"accountId":"nokey-account","initialBalance":1000}""" },
        { "GET", "/api/accounts/nokey-account", null },
        { "POST", "/api/accounts/nokey-account/signals", """{"signalId":"s1","symbol":"KEY","side":"buy","quantity":1,"action":"open"}""" },
        { "PUT", "/api/quotes/KEYQ", """{"bid":10,"ask":10.01}""" },
        { "GET", "/api/quotes/KEYQ", null },
        { "GET", "/api/kill-switch", null },
        { "PUT", "/api/kill-switch", """{"state":"halted","reason":"no key"}""" },
    };

    [Theory]
    [MemberData(nameof(ApiCalls))]
    public async Task An_api_call_without_the_key_returns_401_problem(string method, string path, string? body)
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Request(method, path, body));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ApiCalls))]
    public async Task An_api_call_with_a_wrong_key_returns_401_problem(string method, string path, string? body)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderName, ApiKeySiloApiFactory.Key + "x");

        using var response = await client.SendAsync(Request(method, path, body));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Calls_refused_for_a_missing_key_change_nothing()
    {
        using var anonymous = factory.CreateClient();
        using var authorized = AuthorizedClient();
        var account = TestApi.NewAccountId("nokey");

        using (var create = await anonymous.PostAccountAsync(account, 1_000m))
        {
            await create.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        using (var killSwitch = await anonymous.PutAsJsonAsync("/api/kill-switch", new { state = "halted", reason = "no key" }))
        {
            await killSwitch.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var get = await authorized.GetAsync($"/api/accounts/{account}");
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var status = await authorized.GetAsync("/api/kill-switch");
        Assert.Equal("active", (await status.ShouldBeJsonAsync(HttpStatusCode.OK)).String("state"));
    }

    [Fact]
    public async Task A_malformed_body_without_the_key_is_refused_with_401_before_it_is_parsed()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/accounts", TestApi.RawJson("""{"accountId":"x","initialBalance":"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_calls_with_the_key_succeed()
    {
        using var client = AuthorizedClient();
        var account = TestApi.NewAccountId("withkey");

        using var create = await client.PostAccountAsync(account, 1_000m);
        Assert.Equal(account, (await create.ShouldBeJsonAsync(HttpStatusCode.Created)).String("accountId"));

        using var get = await client.GetAsync($"/api/accounts/{account}");
        Assert.Equal(1_000m, (await get.ShouldBeJsonAsync(HttpStatusCode.OK)).Decimal("balance"));

        await client.PublishQuoteAsync("KEYOK", 10m, 10.001m);
        using var signal = await client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "KEYOK", "buy", 1m, "open"));
        Assert.Equal("accepted", (await signal.ShouldBeJsonAsync(HttpStatusCode.OK)).String("status"));

        using var killSwitch = await client.GetAsync("/api/kill-switch");
        Assert.Equal("active", (await killSwitch.ShouldBeJsonAsync(HttpStatusCode.OK)).String("state"));
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    private HttpClient AuthorizedClient()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(HeaderName, ApiKeySiloApiFactory.Key);
        return client;
    }

    private static HttpRequestMessage Request(string method, string path, string? body) => new(new HttpMethod(method), path)
    {
        Content = body is null ? null : TestApi.RawJson(body),
    };
}
