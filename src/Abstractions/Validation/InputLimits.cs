namespace OrleansTrading.Abstractions.Validation;

/// <summary>
/// Hard bounds on every number and id the engine accepts, shared by the HTTP API, the client and the grains.
/// </summary>
/// <remarks>
/// Why these values: <see cref="decimal"/> overflows above about 7.9e28. With quantities and prices up to 1e9, the
/// largest product the engine forms (a notional, or a PnL of quantity × price move) is 1e18, ten orders of magnitude
/// below that, and balances start at most at 1e12, so even a billion maximal trades stay representable. Slippage and
/// spread allowances are at most 100% (validated configuration) and stop distances below 100%, so price factors stay
/// under 2. Amounts carry at most eight decimal places, so every divisor (a mid price, a quantity, a peak equity) is at
/// least 1e-8 and the funds check keeps a position's notional within the balance: the largest quotient (a spread in
/// bps, a drawdown) stays below 1e22. The eight places also refuse dust such as 1e-28 that the venue would round away.
/// </remarks>
public static class InputLimits
{
    public const int MaxAccountIdLength = 64;
    public const int MaxSymbolLength = 16;
    public const int MaxSignalIdLength = 128;
    public const int MaxReasonLength = 500;

    /// <summary>Quantities, prices, sizes and balances: at most this many decimal places (so the smallest is 0.00000001).</summary>
    public const int MaxDecimalPlaces = 8;

    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>The absolute price cap; <c>Trading:Quotes:MaxPrice</c> configures a lower one (10,000,000 by default).</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    /// <summary>The largest quantity × price: implied by the two caps above, so it needs no check of its own.</summary>
    public const decimal MaxNotional = MaxQuantity * MaxPrice;

    public const decimal MaxInitialBalance = 1_000_000_000_000m;
}
