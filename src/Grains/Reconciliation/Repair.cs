using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;
using OrleansTrading.Grains.Positions;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>One step that brings the account back in line with the venue, the source of truth.</summary>
public abstract record Repair;

/// <summary>A working order the venue has no record of: it never arrived, so it is marked rejected.</summary>
public sealed record RejectUnknownOrder(string OrderId) : Repair;

/// <summary>A working order the venue has moved on (fills the account missed, a status it never heard): take the venue's report.</summary>
public sealed record ApplyVenueReport(string OrderId, VenueOrderReport Report) : Repair;

/// <summary>
/// The account holds <paramref name="Held"/> (signed) of a symbol and the venue <paramref name="Target"/>: close the
/// <paramref name="Cuts"/> as reconciliation trades, then adopt <paramref name="AdoptQuantity"/> on <paramref name="AdoptSide"/>.
/// Both need a price, which the grain finds when it applies the repair.
/// </summary>
public sealed record AlignPosition(
    string Symbol,
    decimal Held,
    decimal Target,
    IReadOnlyList<PositionCut> Cuts,
    PositionSide AdoptSide,
    decimal AdoptQuantity) : Repair;
