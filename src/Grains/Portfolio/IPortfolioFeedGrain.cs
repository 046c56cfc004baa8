namespace OrleansTrading.Grains.Portfolio;

/// <summary>The engine-internal side of the portfolio grain (same grain as <see cref="Abstractions.IPortfolioGrain"/>, key 0).</summary>
[Alias("trading.IPortfolioFeedGrain")]
public interface IPortfolioFeedGrain : IGrainWithIntegerKey
{
    /// <summary>Accounts' latest figures, collected per silo and sent coalesced; may set the kill-switch to reduceOnly.</summary>
    [Alias("ReportAsync")]
    Task ReportAsync(IReadOnlyList<AccountDayFigures> figures);
}
