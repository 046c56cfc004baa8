namespace OrleansTrading.Abstractions;

/// <summary>
/// The gross notional open in one symbol across every account (open positions at their entry price, plus entries
/// in flight at their limit price), against <c>Trading:Limits:Portfolio:MaxExposurePerSymbol</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.SymbolExposure")]
public sealed record SymbolExposure(
    [property: Id(0)] string Symbol,
    [property: Id(1)] decimal Gross,
    [property: Id(2)] decimal Limit,
    [property: Id(3)] int Accounts);
