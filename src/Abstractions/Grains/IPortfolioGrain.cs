namespace OrleansTrading.Abstractions;

/// <summary>Every account together: equity, PnL, today's loss and the exposure against the portfolio limits (key 0).</summary>
[Alias("trading.IPortfolioGrain")]
public interface IPortfolioGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("GetSummaryAsync")]
    Task<PortfolioSummary> GetSummaryAsync();
}
