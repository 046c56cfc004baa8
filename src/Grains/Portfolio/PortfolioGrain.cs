using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Exposure;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Portfolio;

[GenerateSerializer, Alias("trading.PortfolioState")]
public sealed class PortfolioState
{
    /// <summary>
    /// The trading day on which the portfolio's daily loss set the kill-switch to reduceOnly: once per day, so an
    /// operator who sets it back to active is not overruled until the next trading day.
    /// </summary>
    [Id(0)] public DateTimeOffset? KillSwitchTrippedOn { get; set; }
}

/// <summary>
/// Every account together (key 0): the accounts' latest figures in memory (read from each account at activation, then
/// pushed by the silos' collectors), the portfolio's daily loss and its kill-switch automation, and the exposure read
/// from the exposure grains.
/// </summary>
public sealed partial class PortfolioGrain(
    [PersistentState("portfolio", StorageNames.Trading)] IPersistentState<PortfolioState> state,
    IOptions<TradingOptions> options,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    ILogger<PortfolioGrain> logger) : Grain, IPortfolioGrain, IPortfolioFeedGrain
{
    private readonly Dictionary<string, AccountDayFigures> _accounts = new(StringComparer.Ordinal);

    private TradingOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var ids = await GrainFactory.AccountDirectory().ListAsync();
        var figures = await Task.WhenAll(ids.Select(id => GrainFactory.Get<IAccountFeedGrain>(id).GetDayFiguresAsync()));
        foreach (var f in figures.OfType<AccountDayFigures>())
        {
            _accounts[f.AccountId] = f;
        }
    }

    public async Task ReportAsync(IReadOnlyList<AccountDayFigures> figures)
    {
        foreach (var f in figures)
        {
            _accounts[f.AccountId] = f;
        }

        await GuardDailyLossAsync();
    }

    public async Task<PortfolioSummary> GetSummaryAsync()
    {
        var now = clock.GetUtcNow();
        var day = TradingDay.Containing(now, Options.TradingWindow);
        var today = PortfolioDailyLoss.Of(_accounts.Values.Select(a => a.Day), day);
        var limits = Options.Limits.Portfolio;
        var leases = await GrainFactory.GrossExposure().GetLeasesAsync();
        var symbols = (await Task.WhenAll(leases.Where(l => l.Value > 0).Select(l => GrainFactory.SymbolExposure(l.Key).GetAsync())))
            .Where(s => s.Gross > 0)
            .OrderBy(s => s.Symbol, StringComparer.Ordinal)
            .ToList();
        return new PortfolioSummary(_accounts.Count, today.Equity, _accounts.Values.Sum(a => a.RealizedPnl),
            _accounts.Values.Sum(a => a.Equity - a.Balance), day.Start, day.End, today.StartEquity, today.Loss, today.LossPercent,
            limits.DailyLossPercent, state.State.KillSwitchTrippedOn == day.Start, symbols, symbols.Sum(s => s.Gross),
            limits.MaxGrossExposure, limits.MaxExposurePerSymbol, now);
    }

    /// <summary>Sets the kill-switch to reduceOnly, once per trading day, when the portfolio's daily loss reaches its limit.</summary>
    private async Task GuardDailyLossAsync()
    {
        var day = TradingDay.Containing(clock.GetUtcNow(), Options.TradingWindow);
        var limit = Options.Limits.Portfolio.DailyLossPercent;
        var today = PortfolioDailyLoss.Of(_accounts.Values.Select(a => a.Day), day);
        if (!PortfolioDailyLoss.IsReached(today, limit) || state.State.KillSwitchTrippedOn == day.Start)
        {
            return;
        }

        state.State.KillSwitchTrippedOn = day.Start;
        await state.WriteStateAsync();
        var reason = PortfolioDailyLoss.Describe(today, limit);
        var killSwitch = GrainFactory.KillSwitch();
        if ((await killSwitch.GetStatusAsync()).State == KillSwitchState.Active)
        {
            await killSwitch.SetStateAsync(KillSwitchState.ReduceOnly, reason);
            LogKillSwitchSet(reason);
        }
        else
        {
            LogLimitReachedWhileNotActive(reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Kill-switch set to reduceOnly automatically: {Reason}")]
    private partial void LogKillSwitchSet(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The portfolio's daily loss limit was reached with the kill-switch already not active: {Reason}")]
    private partial void LogLimitReachedWhileNotActive(string reason);
}
