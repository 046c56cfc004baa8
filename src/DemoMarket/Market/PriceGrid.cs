namespace OrleansTrading.DemoMarket.Market;

/// <summary>Turns a simulated mid and spread into a bid and an ask on the exchange's price grid.</summary>
public static class PriceGrid
{
    private const decimal BasisPoints = 10_000m;

    /// <summary>A cent above 1, a hundredth of a cent below (as US equities are quoted).</summary>
    public static decimal TickSize(decimal mid) => mid >= 1m ? 0.01m : 0.0001m;

    /// <summary>
    /// A bid and ask around <paramref name="mid"/> whose spread is the whole number of ticks nearest
    /// <paramref name="spreadBps"/> (at least one tick), the bid at least one tick above zero.
    /// </summary>
    public static (decimal Bid, decimal Ask) Quote(decimal mid, decimal spreadBps)
    {
        var tick = TickSize(mid);
        var ticks = Math.Max(1m, Math.Round(mid * spreadBps / BasisPoints / tick, MidpointRounding.AwayFromZero));
        var bid = Math.Max(tick, Math.Floor((mid - ticks * tick / 2m) / tick) * tick);
        return (bid, bid + ticks * tick);
    }

    public static decimal SpreadBps(decimal bid, decimal ask) => (ask - bid) / ((bid + ask) / 2m) * BasisPoints;
}
