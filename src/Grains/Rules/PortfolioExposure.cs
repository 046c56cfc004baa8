using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// <c>portfolioExposure</c>: across every account, the gross notional open in one symbol, or in all symbols together,
/// would exceed its limit. Reaching a limit exactly is allowed. The exposure grains apply this rule atomically, to the
/// room they hold, when an entry reserves its notional.
/// </summary>
public static class PortfolioExposure
{
    /// <summary>
    /// What an entry reserves, on either side: quantity × the ask plus the slippage allowance, the most a buy can fill at,
    /// and above what a sell fills at (its notional is counted at the fill once it fills).
    /// </summary>
    public static decimal EntryNotional(decimal quantity, Quote quote, decimal maxSlippageBps) =>
        quantity * MarketFilters.PriceAfterSlippage(OrderSide.Buy, quote, maxSlippageBps);

    public static Denial? CheckSymbol(string symbol, decimal symbolGross, decimal additional, decimal maxPerSymbol) =>
        symbolGross + additional > maxPerSymbol
            ? new(RejectionReason.PortfolioExposure,
                $"{symbol} exposure {LimitText.Amount(symbolGross)} + {LimitText.Amount(additional)} would exceed " +
                $"{LimitText.Amount(maxPerSymbol)} limit (Portfolio:MaxExposurePerSymbol).")
            : null;

    public static Denial? CheckGross(decimal gross, decimal additional, decimal maxGross) =>
        gross + additional > maxGross
            ? new(RejectionReason.PortfolioExposure,
                $"gross exposure {LimitText.Amount(gross)} + {LimitText.Amount(additional)} would exceed " +
                $"{LimitText.Amount(maxGross)} limit (Portfolio:MaxGrossExposure).")
            : null;

    public static Denial? Check(string symbol, ExposureView view, decimal additional, PortfolioLimitsOptions limits) =>
        CheckSymbol(symbol, view.SymbolGross, additional, limits.MaxExposurePerSymbol)
        ?? CheckGross(view.Gross, additional, limits.MaxGrossExposure);
}

/// <summary>The exposure an entry meets: its symbol's gross notional and the gross over every symbol, all accounts together.</summary>
public sealed record ExposureView(decimal SymbolGross, decimal Gross);
