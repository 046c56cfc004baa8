using System.Globalization;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.DemoMarket.Market;
using OrleansTrading.DemoMarket.Strategies;

namespace OrleansTrading.DemoMarket.Running;

/// <summary>
/// Drives one strategy on its account: at every step it reads the account, lets the strategy decide, sends the
/// signal through the account grain (the same call any client makes) and logs what the engine answered. It also
/// notices what the engine did on its own: a stop-out, a cooldown.
/// </summary>
public sealed class StrategyRunner(
    IDemoStrategy strategy,
    IVirtualAccountGrain account,
    MarketBoard board,
    EngineView engine,
    SignalIds signalIds,
    EngineReachability reachability,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>How long a strategy stays quiet after the kill-switch or the trading window refused it.</summary>
    private static readonly TimeSpan PauseWhenBlocked = TimeSpan.FromSeconds(10);

    /// <summary>A strategy sends at most this many signals in one step (an order and its immediate follow-up).</summary>
    private const int MaxSignalsPerStep = 2;

    /// <summary>How many of the latest trades are read to find stop-outs when a position has closed.</summary>
    private const int TradesRead = 20;

    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();
    private AccountSnapshot? _last;
    private HashSet<string> _seenTrades = new(StringComparer.Ordinal);
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public string AccountId { get; } = account.GetPrimaryKeyString();

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await StepAsync(cancellationToken);
                reachability.Answered();
            }
            catch (InvalidInputException refused)
            {
                // Our own mistake in a signal: say so, and carry on with the next step.
                logger.SignalRefused(AccountId, "signal", "-", refused.Message);
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                reachability.Failed(failure);
            }
        }
    }

    /// <summary>One look at the market and the account, and what the strategy sends in response.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        var settings = engine.Current;
        if (!settings.TradingWindowOpen || clock.GetUtcNow() < _pausedUntil)
        {
            return;
        }

        var snapshot = await account.GetSnapshotAsync().WaitAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Account {AccountId} does not exist any more.");
        await NoticeAsync(snapshot, cancellationToken);

        var context = new StrategyContext(clock.GetUtcNow(), board.View(), snapshot, settings);
        var order = strategy.Decide(context);
        for (var sent = 0; order is not null && sent < MaxSignalsPerStep; sent++)
        {
            var signal = new TradeSignal(signalIds.Next(strategy.Name), order.Symbol, order.Side, order.Quantity, order.Action,
                TrailingStopPercent: order.TrailingStopPercent);
            var decision = await account.SubmitSignalAsync(signal).WaitAsync(cancellationToken);
            Report(order, decision);
            if (decision.Reason is RejectionReason.KillSwitch or RejectionReason.OutsideTradingWindow)
            {
                _pausedUntil = clock.GetUtcNow() + PauseWhenBlocked;
                return;
            }

            order = strategy.OnDecision(order, decision, context with { Now = clock.GetUtcNow() });
        }
    }

    private void Report(DemoOrder order, SignalDecision decision)
    {
        var action = DemoLog.Word(order.Action);
        if (decision.Status == SignalStatus.Rejected)
        {
            logger.Rejected(AccountId, action, order.Symbol, decision.Reason is { } reason ? EnumWords.Word(reason) : "unknown", decision.Detail, order.Why);
            return;
        }

        var filled = decision.FilledQuantity ?? 0m;
        if (filled == 0)
        {
            logger.Pending(AccountId, action, order.Symbol, decision.Detail, order.Why);
        }
        else if (order.Action == SignalAction.Close)
        {
            logger.Closed(AccountId, order.Symbol, filled, order.Quantity, decision.AveragePrice, decision.RealizedPnl, order.Why);
        }
        else if (filled < order.Quantity)
        {
            logger.PartialEntry(AccountId, order.Symbol, filled, order.Quantity, decision.AveragePrice, order.Why);
        }
        else
        {
            logger.Entered(AccountId, order.Symbol, filled, decision.AveragePrice, decision.StopLossPrice, order.Why);
        }
    }

    /// <summary>What the engine did on its own since the last look: positions its stops closed, a cooldown it started.</summary>
    private async Task NoticeAsync(AccountSnapshot snapshot, CancellationToken cancellationToken)
    {
        var previous = _last;
        _last = snapshot;
        var now = clock.GetUtcNow();
        if (snapshot.CooldownUntil is { } until && until > now && until != previous?.CooldownUntil)
        {
            // The engine counts the losses that started it (its consecutive count starts again with the cooldown).
            logger.CoolingDown(AccountId, until.ToString("HH:mm:ss", CultureInfo.InvariantCulture), engine.Current.CooldownAfterLosses);
        }

        if (previous is null || snapshot.Wins + snapshot.Losses == previous.Wins + previous.Losses)
        {
            return;
        }

        var trades = await account.GetTradesAsync(0, TradesRead).WaitAsync(cancellationToken);
        if (trades is null)
        {
            return;
        }

        // A stop that filled in parts left one trade per fill: one line per position.
        var stopOuts = trades.Items
            .Where(t => t.ClosedAt >= _startedAt && !_seenTrades.Contains(t.TradeId) && t.Reason is OrderPurpose.StopLoss or OrderPurpose.TrailingStop)
            .GroupBy(t => t.PositionId, StringComparer.Ordinal);
        foreach (var position in stopOuts.Reverse())
        {
            var quantity = position.Sum(t => t.Quantity);
            var exitPrice = position.Sum(t => t.Quantity * t.ExitPrice) / quantity;
            logger.StoppedOut(AccountId, position.First().Symbol, quantity, Math.Round(exitPrice, 8), position.First().EntryPrice, position.Sum(t => t.Pnl));
        }

        // Only the latest page can hold trades not seen yet: older ones were on an earlier page.
        _seenTrades = trades.Items.Select(t => t.TradeId).ToHashSet(StringComparer.Ordinal);
    }
}
