using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// The guards an <c>open</c> signal passes, in their documented order; the first denial wins. Three stages, so the
/// grain can reserve portfolio exposure (a call to the exposure grains) exactly where the sequence checks it:
/// the account's own guards, then <c>portfolioExposure</c>, then the market filters and funds.
/// Slippage is judged after the venue answers (<see cref="MarketFilters.SlippageExceeded"/>).
/// </summary>
public static class EntryGuards
{
    public static Denial? Evaluate(EntryCheck check, TradingOptions options) =>
        AccountGuards(check, options) ?? ExposureGuard(check, options) ?? MarketGuards(check, options);

    /// <summary>Kill-switch, window, cooldown, symbol lock, position cap, then the account limits.</summary>
    public static Denial? AccountGuards(EntryCheck check, TradingOptions options) =>
        Governor.CheckKillSwitchForEntry(check.KillSwitch)
        ?? TradingWindow.Check(check.Now, options.TradingWindow)
        ?? Governor.CheckCooldown(check.CooldownUntil, check.Now)
        ?? Governor.CheckSymbolLock(check.Symbol, PositionSides.ForEntry(check.Side), check.Positions)
        ?? Governor.CheckMaxOpenPositions(check.Positions.Count, options.Governor.MaxOpenPositions)
        ?? OrderSize.Check(check.Side, check.Quantity, check.Quote, check.Risk.Limits)
        ?? SignalRate.Check(check.Risk.SignalsBefore, check.Risk.Limits.MaxSignalsPerMinute)
        ?? DailyLossLimit.Check(check.Risk, check.Now)
        ?? DrawdownLimit.Check(check.Risk, check.Now)
        ?? StopLossGuard.Check(check.Symbol, check.Risk.SymbolLocks, check.Now, check.Risk.ExchangeTimeZone);

    /// <summary>Portfolio exposure with the entry's notional; nothing to judge without a quote (no price) or a view.</summary>
    public static Denial? ExposureGuard(EntryCheck check, TradingOptions options) =>
        check.Exposure is { } view && check.Quote is { } quote
            ? PortfolioExposure.Check(check.Symbol, view,
                PortfolioExposure.EntryNotional(check.Quantity, quote, options.Filters.MaxSlippageBps), options.Limits.Portfolio)
            : null;

    /// <summary>Quote presence and age, spread, funds.</summary>
    public static Denial? MarketGuards(EntryCheck check, TradingOptions options) =>
        MarketFilters.CheckQuoteFreshness(check.Quote, check.Now, options.Filters.MaxQuoteAge)
        ?? MarketFilters.CheckSpread(check.Quote!, options.Filters.MaxSpreadBps)
        ?? Funds.Check(check.Side, check.Quantity, check.Quote!, check.Balance, check.Positions);
}
