using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>A snapshot of everything the exit checks look at; built by the grain, judged by <see cref="ExitChecks"/>.</summary>
/// <param name="Positions">The account's open positions (not entries still in flight: those hold nothing to close yet).</param>
/// <param name="AlreadyClosing">Quantity still working in reduce-only orders of this side and symbol.</param>
public sealed record ExitCheck(
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    IReadOnlyList<OpenPosition> Positions,
    decimal AlreadyClosing,
    KillSwitchState KillSwitch,
    Quote? Quote)
{
    /// <summary>A close names the side it reduces: sell closes longs, buy closes shorts. Anything else would add risk.</summary>
    public PositionSide ReducedSide => PositionSides.ReducedBy(Side);

    public decimal Open => Positions.Where(IsReduced).Sum(p => p.Quantity);

    /// <summary>Reduce-only: never more than is open and not already being closed, so an exit can't flip the account.</summary>
    public decimal Closable => Open - AlreadyClosing;

    /// <summary>What the exit order asks for: the signal's quantity, cut to what is closable.</summary>
    public decimal OrderQuantity => Math.Min(Quantity, Closable);

    internal bool IsReduced(OpenPosition position) => position.Symbol == Symbol && position.Side == ReducedSide;
}
