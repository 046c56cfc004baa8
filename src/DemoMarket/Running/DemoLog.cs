using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Market;

namespace OrleansTrading.DemoMarket.Running;

/// <summary>
/// Every line the demo logs: one per notable event (an entry, a close, a rejection with its reason, a stop-out, a
/// cooldown, a market episode), never one per quote.
/// </summary>
internal static partial class DemoLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo market: {Symbols} quoted every {QuoteInterval} (seed {Seed}), strategies on accounts {AccountPrefix}*, signal ids {RunId}-*")]
    public static partial void Starting(this ILogger logger, string symbols, string quoteInterval, int seed, string accountPrefix, string runId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Engine: spread <= {MaxSpreadBps} bps, quote age <= {MaxQuoteAge}, <= {MaxOpenPositions} positions, cooldown after {CooldownAfterLosses} losses for {CooldownDuration}, stop {StopLossPercent} %, trading window {Window}")]
    public static partial void EngineRules(this ILogger logger, decimal maxSpreadBps, string maxQuoteAge, int maxOpenPositions,
        int cooldownAfterLosses, string cooldownDuration, decimal stopLossPercent, string window);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo settings and the engine disagree: {Problem}")]
    public static partial void Mismatch(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId}: {Story} ({Created})")]
    public static partial void Strategy(this ILogger logger, string accountId, string story, string created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the silo at {Gateways} (attempt {Attempt}): {Problem}")]
    public static partial void WaitingForSilo(this ILogger logger, string gateways, int attempt, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine is unreachable ({Problem}); the demo keeps trying")]
    public static partial void EngineLost(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The engine answers again")]
    public static partial void EngineBack(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine's trading window is closed ({Window}): the strategies wait. Start the silo with Trading__Demo__Enabled=true and Trading__Demo__IgnoreTradingWindow=true to let the demo trade at any hour")]
    public static partial void WindowClosed(this ILogger logger, string window);

    [LoggerMessage(Level = LogLevel.Information, Message = "The engine's trading window is open: the strategies trade")]
    public static partial void WindowOpen(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol} spread widens to {Bps} bps for {Duration}")]
    public static partial void WideSpread(this ILogger logger, string symbol, decimal bps, string duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol} feed goes quiet for {Duration}")]
    public static partial void StaleGap(this ILogger logger, string symbol, string duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol} drops {Percent} % over {Duration}")]
    public static partial void Drop(this ILogger logger, string symbol, decimal percent, string duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol} resumes at {Mid} ({Source})")]
    public static partial void Resumes(this ILogger logger, string symbol, decimal mid, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The engine refused a {Symbol} quote: {Problem}")]
    public static partial void QuoteRefused(this ILogger logger, string symbol, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId} entered {Symbol}: bought {Filled} at {Price}, stop {Stop} ({Why})")]
    public static partial void Entered(this ILogger logger, string accountId, string symbol, decimal filled, decimal? price, decimal? stop, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId} entered {Symbol} in part: {Filled} of {Quantity} at {Price}, the rest cancelled ({Why})")]
    public static partial void PartialEntry(this ILogger logger, string accountId, string symbol, decimal filled, decimal quantity, decimal? price, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId} {Action} {Symbol} accepted with nothing filled yet: {Detail} ({Why})")]
    public static partial void Pending(this ILogger logger, string accountId, string action, string symbol, string? detail, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId} closed {Symbol}: sold {Filled} of {Quantity} at {Price}, pnl {Pnl} ({Why})")]
    public static partial void Closed(this ILogger logger, string accountId, string symbol, decimal filled, decimal quantity, decimal? price, decimal? pnl, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId} {Action} {Symbol} rejected {Reason}: {Detail} ({Why})")]
    public static partial void Rejected(this ILogger logger, string accountId, string action, string symbol, string reason, string? detail, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId} stopped out of {Symbol}: {Quantity} at {ExitPrice} (entry {EntryPrice}), pnl {Pnl}")]
    public static partial void StoppedOut(this ILogger logger, string accountId, string symbol, decimal quantity, decimal exitPrice, decimal entryPrice, decimal pnl);

    [LoggerMessage(Level = LogLevel.Information, Message = "{AccountId} is cooling down until {Until} after {Losses} losses in a row")]
    public static partial void CoolingDown(this ILogger logger, string accountId, string until, int losses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{AccountId} {Action} {Symbol}: the engine refused the signal itself: {Problem}")]
    public static partial void SignalRefused(this ILogger logger, string accountId, string action, string symbol, string problem);

    public static void Event(this ILogger logger, MarketEvent e)
    {
        switch (e.Kind)
        {
            case MarketEventKind.WideSpread:
                logger.WideSpread(e.Symbol, e.Size, Duration(e.Duration));
                break;
            case MarketEventKind.StaleGap:
                logger.StaleGap(e.Symbol, Duration(e.Duration));
                break;
            default:
                logger.Drop(e.Symbol, e.Size, Duration(e.Duration));
                break;
        }
    }

    public static string Word(SignalAction action) => action == SignalAction.Open ? "open" : "close";

    /// <summary>300 ms, 1.5 s, 5 min: the unit a person would say.</summary>
    public static string Duration(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0} ms")
        : value < TimeSpan.FromMinutes(1) ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMinutes:0.#} min");
}
