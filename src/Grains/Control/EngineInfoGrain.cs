using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Control;

/// <summary>Answers from the silo's validated options and clock; stateless, so any silo answers locally.</summary>
[StatelessWorker]
public sealed class EngineInfoGrain(IOptions<TradingOptions> options, [FromKeyedServices(TradingClock.Key)] TimeProvider clock)
    : Grain, IEngineInfoGrain
{
    public Task<EngineSettings> GetSettingsAsync()
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(o.TradingWindow.TimeZone);
        return Task.FromResult(new EngineSettings(
            o.Filters.MaxSpreadBps, o.Filters.MaxSlippageBps, o.Filters.MaxQuoteAge,
            o.Governor.MaxOpenPositions, o.Governor.CooldownAfterLosses, o.Governor.CooldownDuration,
            o.StopLoss.Percent, o.StopLoss.CheckInterval, o.Reconciliation.Interval,
            o.TradingWindow.Enabled, o.TradingWindow.Start, o.TradingWindow.End, o.TradingWindow.TimeZone,
            !o.TradingWindow.Enabled || TradingWindow.IsOpen(now, o.TradingWindow),
            TimeZoneInfo.ConvertTime(now, zone),
            o.Demo.Enabled, o.Demo.IgnoresTradingWindow,
            new LimitDefaults(o.Limits.MaxNotionalPerOrder, o.Limits.MaxQuantityPerOrder, o.Limits.MaxSignalsPerMinute,
                o.Limits.DailyLossPercent, o.Limits.FlattenOnDailyLoss, o.Limits.MaxDrawdownPercent, o.Limits.StopLossGuard.Count,
                o.Limits.StopLossGuard.Window, o.Limits.StopLossGuard.LockFor, o.Limits.Portfolio.MaxExposurePerSymbol,
                o.Limits.Portfolio.MaxGrossExposure, o.Limits.Portfolio.DailyLossPercent)));
    }
}
