using System.Net;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary><c>GET /api/portfolio</c>: this class's silo holds only the accounts its one test creates.</summary>
public sealed class PortfolioApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_portfolio_shows_equity_pnl_todays_loss_and_the_exposure_per_symbol_and_in_total_against_the_limits()
    {
        var first = TestApi.NewAccountId("pf");
        var second = TestApi.NewAccountId("pf");
        await _client.CreateAccountAsync(first, 50_000m);
        await _client.CreateAccountAsync(second, 50_000m);
        await _client.PublishQuoteAsync("PFA", 100m, 100.05m);
        await _client.PublishQuoteAsync("PFB", 20m, 20.01m);
        foreach (var (account, symbol, quantity) in new[] { (first, "PFA", 10m), (second, "PFB", 100m) })
        {
            using var open = await _client.PostSignalAsync(account, TestApi.Signal(TestApi.NewSignalId(), symbol, "buy", quantity, "open"));
            await open.ShouldBeJsonAsync(HttpStatusCode.OK);
        }

        await _client.PublishQuoteAsync("PFA", 99m, 99.05m); // first loses 10 × 1.05 = 10.5
        var portfolio = await Poll.UntilAsync(() => _client.GetJsonAsync("/api/portfolio"), p => p.Decimal("todayLoss") == 11.5m,
            TimeSpan.FromSeconds(5), "the loss to reach the portfolio");

        Assert.Equal(2, portfolio.GetProperty("accounts").GetInt32());
        Assert.Equal(100_000m, portfolio.Decimal("dayStartEquity"));
        // todayLoss: 10.5, plus the second's 100 × (20 − 20.01) = −1 marked at its entry.
        Assert.Equal(0.0115m, portfolio.Decimal("todayLossPercent"));
        Assert.Equal(3m, portfolio.Decimal("dailyLossLimitPercent"));
        Assert.Equal(-11.5m, portfolio.Decimal("unrealizedPnl"));
        Assert.Equal(0m, portfolio.Decimal("realizedPnl"));
        Assert.Equal(100_000m - 11.5m, portfolio.Decimal("equity"));
        Assert.False(portfolio.GetProperty("killSwitchTrippedToday").GetBoolean());

        var symbols = portfolio.GetProperty("symbols").EnumerateArray().ToList();
        Assert.Equal(["PFA", "PFB"], symbols.Select(s => s.String("symbol")));
        Assert.Equal(1_000.5m, symbols[0].Decimal("gross"));
        Assert.Equal(2_001m, symbols[1].Decimal("gross"));
        Assert.All(symbols, s => Assert.Equal(1_000_000m, s.Decimal("limit")));
        Assert.Equal(1, symbols[0].GetProperty("accounts").GetInt32());
        Assert.Equal(3_001.5m, portfolio.Decimal("grossExposure"));
        Assert.Equal(5_000_000m, portfolio.Decimal("maxGrossExposure"));
        Assert.Equal(1_000_000m, portfolio.Decimal("maxExposurePerSymbol"));
    }
}
