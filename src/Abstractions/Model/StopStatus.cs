namespace OrleansTrading.Abstractions;

/// <summary>What a position's stop is doing right now, as the snapshot shows it.</summary>
[GenerateSerializer, Alias("trading.StopStatus")]
public enum StopStatus
{
    /// <summary>Watching: the stop fires at the first fresh quote that crosses it.</summary>
    Armed = 0,

    /// <summary>
    /// The latest quote crosses the stop but is older than the quote age limit: no exit is sent on it. The stop fires
    /// at the next fresh quote that still crosses it, and fills at that quote's price.
    /// </summary>
    WaitingForFreshQuote = 1,

    /// <summary>An exit order (stop, trailing stop or flatten) is working for this position.</summary>
    Exiting = 2,
}
