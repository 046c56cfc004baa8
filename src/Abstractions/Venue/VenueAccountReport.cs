namespace OrleansTrading.Abstractions.Venue;

/// <summary>Everything the venue knows about one account: its orders (with fills) and its net positions.</summary>
/// <param name="NetPositions">Symbol → signed quantity (long &gt; 0, short &lt; 0).</param>
[GenerateSerializer, Immutable, Alias("trading.VenueAccountReport")]
public sealed record VenueAccountReport(
    [property: Id(0)] IReadOnlyList<VenueOrderReport> Orders,
    [property: Id(1)] IReadOnlyDictionary<string, decimal> NetPositions);
