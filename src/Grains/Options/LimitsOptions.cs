namespace OrleansTrading.Grains.Options;

/// <summary>
/// <c>Trading:Limits</c>: each value is the default for every account (an account may override it through
/// <c>PUT /api/accounts/{id}/limits</c>), except <see cref="Portfolio"/>, which holds across all accounts.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary><c>orderTooLarge</c> above quantity × price (the ask for buys, the bid for sells).</summary>
    public decimal MaxNotionalPerOrder { get; set; } = 100_000m;

    /// <summary><c>orderTooLarge</c> above this quantity; null: no quantity limit.</summary>
    public decimal? MaxQuantityPerOrder { get; set; }

    /// <summary><c>rateLimited</c>: entries beyond this many signals of the account in a sliding minute (exits never).</summary>
    public int MaxSignalsPerMinute { get; set; } = 6_000;

    /// <summary><c>dailyLossLimit</c>: loss since the trading day started, in % of that day's starting equity.</summary>
    public decimal DailyLossPercent { get; set; } = 5m;

    /// <summary>When the daily loss limit is crossed with positions open, also close them (they keep their stops either way).</summary>
    public bool FlattenOnDailyLoss { get; set; }

    /// <summary><c>maxDrawdown</c>: drawdown from peak equity in %; entries stay blocked until an operator resets the account.</summary>
    public decimal MaxDrawdownPercent { get; set; } = 20m;

    public StopLossGuardOptions StopLossGuard { get; set; } = new();

    public PortfolioLimitsOptions Portfolio { get; set; } = new();
}

/// <summary><c>stopLossGuard</c>: <see cref="Count"/> stop-outs within <see cref="Window"/> lock the symbol for the account.</summary>
public sealed class StopLossGuardOptions
{
    public int Count { get; set; } = 4;
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan LockFor { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>Limits across every account together.</summary>
public sealed class PortfolioLimitsOptions
{
    /// <summary><c>portfolioExposure</c>: gross notional open in one symbol, all accounts together.</summary>
    public decimal MaxExposurePerSymbol { get; set; } = 1_000_000m;

    /// <summary><c>portfolioExposure</c>: gross notional open in every symbol together.</summary>
    public decimal MaxGrossExposure { get; set; } = 5_000_000m;

    /// <summary>The sum of the accounts' daily losses, in % of their combined starting equity, that sets the kill-switch to reduceOnly.</summary>
    public decimal DailyLossPercent { get; set; } = 3m;
}
