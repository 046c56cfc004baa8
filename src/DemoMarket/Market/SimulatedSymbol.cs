namespace OrleansTrading.DemoMarket.Market;

/// <summary>
/// One symbol's simulated price: a geometric random walk (the base) with a scripted drop laid over it, and the
/// episodes it is in. The base is kept in decimal; only the random factor of each step is computed in double.
/// </summary>
internal sealed class SimulatedSymbol(string symbol, decimal startingMid)
{
    /// <summary>Keeps a runaway walk (extreme settings, days of running) inside prices the engine accepts.</summary>
    private const decimal LowestMid = 0.01m;
    private const decimal HighestMid = 1_000_000m;

    /// <summary>After the drop, half of what is left recovers every this many drop durations.</summary>
    private const double RecoveryHalfLives = 5;

    private decimal _base = startingMid;
    private DateTimeOffset? _dropStart;
    private TimeSpan _dropDuration;
    private decimal _dropFraction;

    public string Symbol { get; } = symbol;

    public DateTimeOffset? LastStep { get; set; }

    public DateTimeOffset WideUntil { get; set; } = DateTimeOffset.MinValue;

    public DateTimeOffset QuietUntil { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Moves the base by one step of the walk: drift per hour, volatility per square-root minute.</summary>
    public void Walk(TimeSpan elapsed, decimal driftPercentPerHour, decimal volatilityPercentPerMinute, double standardNormal)
    {
        var minutes = Math.Max(0, elapsed.TotalMinutes);
        var sigma = (double)volatilityPercentPerMinute / 100;
        var mu = (double)driftPercentPerHour / 100;
        var exponent = mu * minutes / 60 - 0.5 * sigma * sigma * minutes + sigma * Math.Sqrt(minutes) * standardNormal;
        _base = Math.Clamp(Math.Round(_base * (decimal)Math.Exp(exponent), 8), LowestMid, HighestMid);
    }

    /// <summary>Starts a drop; what is left of an earlier one becomes part of the base, so the price never jumps back up.</summary>
    public void StartDrop(DateTimeOffset now, decimal percent, TimeSpan duration)
    {
        _base = Math.Max(LowestMid, Math.Round(_base * (1 - DropFraction(now)), 8));
        _dropStart = now;
        _dropDuration = duration;
        _dropFraction = percent / 100m;
    }

    /// <summary>The price now: the base less the part of a drop in effect.</summary>
    public decimal Mid(DateTimeOffset now) => Math.Max(LowestMid, Math.Round(_base * (1 - DropFraction(now)), 8));

    public bool IsWide(DateTimeOffset now) => now < WideUntil;

    public bool IsQuiet(DateTimeOffset now) => now < QuietUntil;

    /// <summary>Falls linearly over the drop's duration, then half of what is left comes back every few durations.</summary>
    private decimal DropFraction(DateTimeOffset now)
    {
        if (_dropStart is not { } start || now <= start)
        {
            return 0m;
        }

        var elapsed = now - start;
        if (elapsed < _dropDuration)
        {
            return _dropFraction * (decimal)(elapsed / _dropDuration);
        }

        var halfLives = (elapsed - _dropDuration) / (_dropDuration * RecoveryHalfLives);
        return _dropFraction * (decimal)Math.Pow(0.5, halfLives);
    }
}
