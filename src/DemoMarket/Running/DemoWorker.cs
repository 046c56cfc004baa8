using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Hosting;
using OrleansTrading.DemoMarket.Market;
using OrleansTrading.DemoMarket.Strategies;

namespace OrleansTrading.DemoMarket.Running;

/// <summary>
/// The demo: reads the engine's rules, creates (or finds again) one account per strategy, then streams quotes and runs
/// the strategies until the host stops. Everything goes through the public grain interfaces, as for any client.
/// </summary>
public sealed class DemoWorker(
    IClusterClient client,
    IOptions<DemoMarketOptions> options,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    /// <summary>How often the engine's settings (and whether its trading window is open) are read again.</summary>
    private static readonly TimeSpan EngineReadInterval = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger("OrleansTrading.DemoMarket");
    private readonly ILogger _marketLogger = loggers.CreateLogger("OrleansTrading.DemoMarket.Market");
    private readonly EngineView _engine = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Ctrl+C: every loop ends here.
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var demo = options.Value;
        var reachability = new EngineReachability(loggers.CreateLogger<EngineReachability>());
        var settings = await UntilAnsweredAsync(() => client.EngineInfo().GetSettingsAsync(), reachability, stoppingToken);
        _engine.Update(settings);

        var seed = demo.Seed ?? Random.Shared.Next();
        var signalIds = SignalIds.ForRunStartingAt(clock.GetUtcNow());
        var symbols = demo.SymbolList;
        _logger.Starting(string.Join(", ", symbols), DemoLog.Duration(demo.QuoteInterval), seed, demo.AccountPrefix, signalIds.RunId);
        _logger.EngineRules(settings.MaxSpreadBps, DemoLog.Duration(settings.MaxQuoteAge), settings.MaxOpenPositions, settings.CooldownAfterLosses,
            DemoLog.Duration(settings.CooldownDuration), settings.StopLossPercent, EngineView.Window(settings));
        foreach (var problem in EngineFit.Problems(demo, settings))
        {
            _logger.Mismatch(problem);
        }

        if (!settings.TradingWindowOpen)
        {
            _logger.WindowClosed(EngineView.Window(settings));
        }

        var strategies = new List<(IDemoStrategy Strategy, IVirtualAccountGrain Account)>();
        var held = new List<PositionSnapshot>();
        foreach (var strategy in StrategyBook.Create(demo, symbols))
        {
            var account = client.Account(demo.AccountPrefix + strategy.Name);
            var creation = await UntilAnsweredAsync(() => account.CreateAsync(demo.InitialBalance), reachability, stoppingToken);
            _logger.Strategy(account.GetPrimaryKeyString(), strategy.Story,
                creation.Created ? "new account" : $"existing account, balance {creation.Snapshot.Balance}");
            strategies.Add((strategy, account));
            held.AddRange(creation.Snapshot.Positions);
        }

        var simulator = new MarketSimulator(demo, seed, clock, await StartingMidsAsync(symbols, held, reachability, stoppingToken));
        var board = new MarketBoard(symbols);
        var strategyLogger = loggers.CreateLogger("OrleansTrading.DemoMarket.Strategies");
        var runners = strategies.Select(s => new StrategyRunner(s.Strategy, s.Account, board, _engine, signalIds, reachability, clock, strategyLogger)).ToList();

        var feed = new QuoteFeed(simulator, board, client, reachability, _marketLogger);
        await Task.WhenAll(
        [
            feed.RunAsync(demo.QuoteInterval, clock, stoppingToken),
            WatchEngineAsync(reachability, stoppingToken),
            .. runners.Select(r => r.RunAsync(demo.DecisionInterval, stoppingToken)),
        ]);
    }

    /// <summary>
    /// Where each symbol's price resumes: the engine's latest quote (the silo kept running), else the mark of a position
    /// a demo account still holds (the silo restarted), else nothing (the symbol starts at its own first price).
    /// </summary>
    private async Task<Dictionary<string, decimal>> StartingMidsAsync(
        IReadOnlyList<string> symbols, IReadOnlyList<PositionSnapshot> held, EngineReachability reachability, CancellationToken stoppingToken)
    {
        var mids = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            var quote = await UntilAnsweredAsync(() => client.MarketData(symbol).GetQuoteAsync(), reachability, stoppingToken);
            var position = held.FirstOrDefault(p => p.Symbol == symbol);
            var (mid, source) = quote is not null ? (quote.Mid, "the engine's last quote")
                : position is not null ? (position.CurrentPrice ?? position.EntryPrice, "a position held from an earlier run")
                : (0m, "");
            if (mid > 0)
            {
                mids[symbol] = mid;
                _marketLogger.Resumes(symbol, mid, source);
            }
        }

        return mids;
    }

    /// <summary>Reads the engine's settings again and again, saying when its trading window opens or closes.</summary>
    private async Task WatchEngineAsync(EngineReachability reachability, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(EngineReadInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var before = _engine.Current;
                var now = await client.EngineInfo().GetSettingsAsync().WaitAsync(stoppingToken);
                _engine.Update(now);
                if (now.TradingWindowOpen != before.TradingWindowOpen)
                {
                    if (now.TradingWindowOpen)
                    {
                        _logger.WindowOpen();
                    }
                    else
                    {
                        _logger.WindowClosed(EngineView.Window(now));
                    }
                }
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                reachability.Failed(failure);
            }
        }
    }

    /// <summary>A call the demo cannot start without: retried every second until the engine answers.</summary>
    private async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call, EngineReachability reachability, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                var result = await call().WaitAsync(stoppingToken);
                reachability.Answered();
                return result;
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                reachability.Failed(failure);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }
}
