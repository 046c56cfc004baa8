using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// The guards an <c>open</c> signal passes, in their documented order; the first denial wins.
/// Slippage is judged after the venue answers (<see cref="MarketFilters.CheckSlippage"/>).
/// </summary>
public static class EntryGuards
{
    public static Denial? Evaluate(EntryCheck check, TradingOptions options) =>
        Governor.CheckKillSwitchForEntry(check.KillSwitch)
        ?? TradingWindow.Check(check.Now, options.TradingWindow)
        ?? Governor.CheckCooldown(check.CooldownUntil, check.Now)
        ?? Governor.CheckSymbolLock(check.Symbol, PositionSides.ForEntry(check.Side), check.Positions)
        ?? Governor.CheckMaxOpenPositions(check.Positions.Count, options.Governor.MaxOpenPositions)
        ?? MarketFilters.CheckQuoteFreshness(check.Quote, check.Now, options.Filters.MaxQuoteAge)
        ?? MarketFilters.CheckSpread(check.Quote!, options.Filters.MaxSpreadBps)
        ?? Funds.Check(check.Side, check.Quantity, check.Quote!, check.Balance, check.Positions);
}
