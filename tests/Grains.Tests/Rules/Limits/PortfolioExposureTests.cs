using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

public sealed class PortfolioExposureTests
{
    private static readonly PortfolioLimitsOptions Limits = new(); // 1,000,000 per symbol, 5,000,000 in total

    [Fact]
    public void Reaching_the_symbol_limit_exactly_is_allowed_and_one_unit_more_is_portfolioExposure()
    {
        Assert.Null(PortfolioExposure.Check("AAPL", new ExposureView(990_000m, 990_000m), 10_000m, Limits));

        var denial = PortfolioExposure.Check("AAPL", new ExposureView(990_000m, 990_000m), 10_000.01m, Limits);
        Assert.Equal(RejectionReason.PortfolioExposure, denial?.Reason);
        Assert.Equal("AAPL exposure 990,000 + 10,000.01 would exceed 1,000,000 limit (Portfolio:MaxExposurePerSymbol).", denial?.Detail);
    }

    [Fact]
    public void Reaching_the_gross_limit_exactly_is_allowed_and_one_unit_more_is_portfolioExposure()
    {
        Assert.Null(PortfolioExposure.Check("AAPL", new ExposureView(0m, 4_990_000m), 10_000m, Limits));

        var denial = PortfolioExposure.Check("AAPL", new ExposureView(0m, 4_990_000m), 10_000.01m, Limits);
        Assert.Equal("gross exposure 4,990,000 + 10,000.01 would exceed 5,000,000 limit (Portfolio:MaxGrossExposure).", denial?.Detail);
    }

    [Fact]
    public void An_entry_reserves_its_quantity_at_the_ask_plus_the_slippage_allowance_on_either_side()
    {
        var quote = new Quote("AAPL", 100m, 100.05m, DateTimeOffset.UnixEpoch);
        Assert.Equal(10m * 100.05m * 1.001m, PortfolioExposure.EntryNotional(10m, quote, 10m));
        Assert.Equal(MarketFilters.MarketableLimit(OrderSide.Buy, quote, 10m) * 10m, PortfolioExposure.EntryNotional(10m, quote, 10m));
    }
}
