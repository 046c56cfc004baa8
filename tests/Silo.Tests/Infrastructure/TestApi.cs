using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrleansTrading.Silo.Tests.Infrastructure;

/// <summary>Small helpers to call the trading API and to assert on its responses.</summary>
public static class TestApi
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>A unique account id (the accounts of one class share a silo).</summary>
    public static string NewAccountId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static string NewSignalId() => $"sig-{Guid.NewGuid():N}";

    public static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostAccountAsync(this HttpClient client, string accountId, decimal initialBalance) =>
        client.PostAsJsonAsync("/api/accounts", new { accountId, initialBalance });

    public static async Task<JsonElement> CreateAccountAsync(this HttpClient client, string accountId, decimal initialBalance = 100_000m)
    {
        using var response = await client.PostAccountAsync(accountId, initialBalance);
        return await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> GetAccountAsync(this HttpClient client, string accountId)
    {
        using var response = await client.GetAsync($"/api/accounts/{accountId}");
        return await response.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    public static async Task<string> GetAccountTextAsync(this HttpClient client, string accountId)
    {
        using var response = await client.GetAsync($"/api/accounts/{accountId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for account {accountId}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static Task<HttpResponseMessage> PutQuoteAsync(this HttpClient client, string symbol, decimal bid, decimal ask, DateTimeOffset? timestamp = null) =>
        timestamp is null
            ? client.PutAsJsonAsync($"/api/quotes/{symbol}", new { bid, ask })
            : client.PutAsJsonAsync($"/api/quotes/{symbol}", new { bid, ask, timestamp });

    public static async Task PublishQuoteAsync(this HttpClient client, string symbol, decimal bid, decimal ask, DateTimeOffset? timestamp = null)
    {
        using var response = await client.PutQuoteAsync(symbol, bid, ask, timestamp);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"Publishing {symbol} returned {(int)response.StatusCode}: {body}");
    }

    public static Task<HttpResponseMessage> PostSignalAsync(this HttpClient client, string accountId, object signal) =>
        client.PostAsJsonAsync($"/api/accounts/{accountId}/signals", signal);

    public static object Signal(string signalId, string symbol, string side, decimal quantity, string action) =>
        new { signalId, symbol, side, quantity, action };

    public static async Task<JsonElement> SetKillSwitchAsync(this HttpClient client, string state, string? reason = null)
    {
        using var response = await client.PutAsJsonAsync("/api/kill-switch", new { state, reason });
        return await response.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Asserts the status code and media type, then returns the parsed body.</summary>
    public static async Task<JsonElement> ShouldBeJsonAsync(this HttpResponseMessage response, HttpStatusCode expected, string mediaType = "application/json")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} but got {(int)response.StatusCode}: {body}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails body with the given status.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.ShouldBeJsonAsync(expected, ProblemJson);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 validation ProblemDetails whose <c>errors</c> name every given field.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"Expected field errors in the problem: {problem}");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0 &&
                        !string.IsNullOrWhiteSpace(messages[0].GetString()),
                $"Expected a message for '{field}' in errors: {errors}");
        }

        return problem;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ShouldBeJsonAsync(HttpStatusCode.OK);
    }

    public static decimal Decimal(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();

    public static string? String(this JsonElement element, string property) => element.GetProperty(property).GetString();

    public static bool Has(this JsonElement element, string property) => element.TryGetProperty(property, out _);
}
