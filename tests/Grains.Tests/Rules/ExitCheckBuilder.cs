using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

/// <summary>
/// Builds an <see cref="ExitCheck"/> that passes every exit check: a sell of 10 AAPL against one open long of 10,
/// nothing already closing, an active kill-switch and a 100.00/100.05 quote.
/// </summary>
public sealed class ExitCheckBuilder
{
    private const string Symbol = EntryCheckBuilder.DefaultSymbol;

    private OrderSide _side = OrderSide.Sell;
    private decimal _quantity = 10m;
    private readonly List<OpenPosition> _positions = [new(Symbol, PositionSide.Long, 10m, 100m)];
    private decimal _closing;
    private KillSwitchState _killSwitch = KillSwitchState.Active;
    private bool _hasQuote = true;

    public static ExitCheckBuilder Valid() => new();

    public ExitCheckBuilder WithSide(OrderSide side)
    {
        _side = side;
        return this;
    }

    public ExitCheckBuilder WithQuantity(decimal quantity)
    {
        _quantity = quantity;
        return this;
    }

    public ExitCheckBuilder WithoutPositions()
    {
        _positions.Clear();
        return this;
    }

    public ExitCheckBuilder WithPosition(PositionSide side, decimal quantity, string symbol = Symbol)
    {
        _positions.Add(new OpenPosition(symbol, side, quantity, 100m));
        return this;
    }

    public ExitCheckBuilder AlreadyClosing(decimal quantity)
    {
        _closing = quantity;
        return this;
    }

    public ExitCheckBuilder WithKillSwitch(KillSwitchState state)
    {
        _killSwitch = state;
        return this;
    }

    public ExitCheckBuilder WithoutQuote()
    {
        _hasQuote = false;
        return this;
    }

    public ExitCheck Build() => new(Symbol, _side, _quantity, _positions.ToArray(), _closing, _killSwitch,
        _hasQuote ? new Quote(Symbol, EntryCheckBuilder.DefaultBid, EntryCheckBuilder.DefaultAsk, EntryCheckBuilder.DefaultNow) : null);
}
