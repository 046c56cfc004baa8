using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansTrading.LoadGen.Load;

/// <summary>
/// The silo's HTTP API as a client uses it (README routes). One pooled HttpClient with no connection cap: every
/// concurrent account holds its own connection, as independent strategies would.
/// </summary>
public sealed class TradingApiClient : ISignalSender, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public TradingApiClient(Uri baseAddress, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    public string Transport => "HTTP";

    public async Task CreateAccountAsync(string accountId, decimal initialBalance)
    {
        var body = $$"""{"accountId":"{{accountId}}","initialBalance":{{initialBalance.ToString(CultureInfo.InvariantCulture)}}}""";
        using var response = await _http.PostAsync("/api/accounts", JsonBody(body));
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new HttpRequestException($"POST /api/accounts {accountId}: {(int)response.StatusCode} {await Excerpt(response)}");
        }
    }

    public async Task<SignalOutcome> SendAsync(LoadSignal signal)
    {
        var body = $$"""{"signalId":"{{signal.SignalId}}","symbol":"{{signal.Symbol}}","side":"{{signal.Side}}","quantity":{{signal.Quantity.ToString(CultureInfo.InvariantCulture)}},"action":"{{signal.Action}}"}""";
        try
        {
            using var response = await _http.PostAsync($"/api/accounts/{signal.AccountId}/signals", JsonBody(body));
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity)
            {
                await using var stream = await response.Content.ReadAsStreamAsync();
                using var document = await JsonDocument.ParseAsync(stream);
                var root = document.RootElement;
                var status = root.GetProperty("status").GetString();
                if (status == "accepted")
                {
                    var filled = root.TryGetProperty("filledQuantity", out var f) ? f.GetDecimal() : 0m;
                    return new SignalOutcome(OutcomeKind.Accepted, FilledQuantity: filled);
                }

                return new SignalOutcome(OutcomeKind.Rejected, root.TryGetProperty("reason", out var r) ? r.GetString() : "unknown");
            }

            return SignalOutcome.Failed($"HTTP {(int)response.StatusCode}: {await Excerpt(response)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or IOException)
        {
            return SignalOutcome.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>PUT /api/quotes/{symbol} with an explicit timestamp (the feed's own clock, as a market data feed sends).</summary>
    public async Task<string?> PublishQuoteAsync(string symbol, decimal bid, decimal ask, DateTimeOffset timestamp)
    {
        var body = $$"""{"bid":{{bid.ToString(CultureInfo.InvariantCulture)}},"ask":{{ask.ToString(CultureInfo.InvariantCulture)}},"timestamp":"{{timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}}"}""";
        try
        {
            using var response = await _http.PutAsync($"/api/quotes/{symbol}", JsonBody(body));
            return response.StatusCode == HttpStatusCode.NoContent ? null : $"HTTP {(int)response.StatusCode}: {await Excerpt(response)}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    /// <summary>GET /api/quotes/{symbol}: the cheapest read (one in-memory grain read), used as the no-op HTTP round trip.</summary>
    public async Task<bool> GetQuoteAsync(string symbol)
    {
        try
        {
            using var response = await _http.GetAsync($"/api/quotes/{symbol}", HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>Every signal id the decisions journal holds for the account with the given status (pages of 500).</summary>
    public async Task<HashSet<string>> DecisionSignalIdsAsync(string accountId, string status)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += 500)
        {
            var page = await GetAsync<PageDto<DecisionDto>>($"/api/accounts/{accountId}/decisions?offset={offset}&limit=500&status={status}");
            foreach (var decision in page.Items)
            {
                ids.Add(decision.SignalId);
            }

            if (offset + page.Items.Count >= page.Total || page.Items.Count == 0)
            {
                return ids;
            }
        }
    }

    public async Task<IReadOnlyList<OrderDto>> OrdersAsync(string accountId, int limit) =>
        (await GetAsync<PageDto<OrderDto>>($"/api/accounts/{accountId}/orders?limit={limit}")).Items;

    public async Task<IReadOnlyList<TradeDto>> TradesAsync(string accountId, int limit) =>
        (await GetAsync<PageDto<TradeDto>>($"/api/accounts/{accountId}/trades?limit={limit}")).Items;

    public async Task<int> OpenPositionsAsync(string accountId)
    {
        using var document = JsonDocument.Parse(await GetStringAsync($"/api/accounts/{accountId}"));
        return document.RootElement.GetProperty("positions").GetArrayLength();
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path) =>
        JsonSerializer.Deserialize<T>(await GetStringAsync(path), Json) ?? throw new JsonException($"GET {path}: empty body");

    private async Task<string> GetStringAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> Excerpt(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 300 ? text[..300] + "..." : text;
    }
}
