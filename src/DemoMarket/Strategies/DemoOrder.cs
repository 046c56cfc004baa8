using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>What a strategy wants to send, with the reason it gives (for the log); the runner turns it into a signal.</summary>
public sealed record DemoOrder(string Symbol, OrderSide Side, decimal Quantity, SignalAction Action, string Why, decimal? TrailingStopPercent = null)
{
    public static DemoOrder Buy(string symbol, decimal quantity, string why, decimal? trailingStopPercent = null) =>
        new(symbol, OrderSide.Buy, quantity, SignalAction.Open, why, trailingStopPercent);
}
