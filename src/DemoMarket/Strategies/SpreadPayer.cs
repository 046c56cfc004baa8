using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// Buys and sells straight back, so every round trip loses the spread. It does not watch its losses: after the
/// engine's third loss in a row its next entry is refused <c>cooldown</c>, and only then does it wait out the cooldown.
/// </summary>
public sealed class SpreadPayer(string symbol, TimeSpan pause) : IDemoStrategy
{
    public const decimal Quantity = 10m;
    private DateTimeOffset _waitUntil = DateTimeOffset.MinValue;

    public string Name => "scalper";

    public string Story => $"buys {symbol} and sells at once, losing the spread each time: three losses in a row put it in cooldown";

    public DemoOrder? Decide(StrategyContext context)
    {
        if (context.Now < _waitUntil || context.IsExiting)
        {
            return null;
        }

        if (!context.IsFlat)
        {
            return context.IsFresh(context.HeldSymbol!) ? context.CloseAll("leftover position") : null;
        }

        return context.IsTradeable(symbol) ? DemoOrder.Buy(symbol, Quantity, "scalps") : null;
    }

    public DemoOrder? OnDecision(DemoOrder order, SignalDecision decision, StrategyContext context)
    {
        if (decision.Status == SignalStatus.Rejected && decision.Reason == RejectionReason.Cooldown)
        {
            _waitUntil = context.Account.CooldownUntil is { } until && until > context.Now ? until : context.Now + context.Engine.CooldownDuration;
            return null;
        }

        if (order.Action == SignalAction.Open && decision.Status == SignalStatus.Accepted && decision.FilledQuantity is { } filled && filled > 0)
        {
            return new DemoOrder(order.Symbol, OrderSide.Sell, filled, SignalAction.Close, "sells straight back, paying the spread");
        }

        if (order.Action == SignalAction.Close)
        {
            _waitUntil = context.Now + pause;
        }

        return null;
    }
}
