using System.Net;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary>Money in responses is written without scale noise: 98.049, not 98.0490 (issue 11, newcomer friction).</summary>
public sealed class MoneyJsonTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_decision_and_a_snapshot_carry_normalized_decimals()
    {
        var account = TestApi.NewAccountId("money");
        await _client.CreateAccountAsync(account, 100_000m);
        await _client.PublishQuoteAsync("MONEY", 100.00m, 100.05m);

        using var response = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), "MONEY", "buy", 10m, "open"));
        var decision = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"stopLossPrice\":98.049}", decision, StringComparison.Ordinal);

        await _client.PublishQuoteAsync("MONEY", 99.30m, 99.35m);
        var snapshot = await _client.GetAccountTextAsync(account);

        // 10 × (99.30 − 100.05): decimal arithmetic would write -7.500 and an equity of 99992.500.
        Assert.Contains("\"unrealizedPnl\":-7.5,", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"equity\":99992.5,", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"currentPrice\":99.3,", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"stopLossPrice\":98.049,", snapshot, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]\\.[0-9]*0[,}\\]]", snapshot);
    }
}
