using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// What the account-level limits look at, built by the grain: the effective limits, the signals in the sliding minute,
/// the trading day with its starting equity, equity and peak marked to the latest quote, and the locks in force.
/// </summary>
public sealed record AccountRisk(
    EffectiveLimits Limits,
    int SignalsBefore,
    TradingDay Day,
    decimal DayStartEquity,
    decimal Equity,
    decimal PeakEquity,
    DailyLossLock? DailyLossLock,
    DrawdownHalt? DrawdownHalt,
    IReadOnlyList<SymbolLock> SymbolLocks,
    string ExchangeTimeZone);

/// <summary>Entries blocked until <see cref="Until"/> (the next trading day) after the daily loss reached <see cref="LossPercent"/>.</summary>
public sealed record DailyLossLock(DateTimeOffset Until, decimal LossPercent);

/// <summary>Entries blocked since <see cref="At"/>, when the drawdown reached <see cref="DrawdownPercent"/>, until an operator resets it.</summary>
public sealed record DrawdownHalt(DateTimeOffset At, decimal DrawdownPercent);

/// <summary>A symbol the stop-loss guard locked for the account until <see cref="Until"/> after <see cref="StopOuts"/> stop-outs.</summary>
public sealed record SymbolLock(string Symbol, DateTimeOffset Until, int StopOuts, TimeSpan Window);
