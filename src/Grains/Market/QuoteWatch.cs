using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Market;

/// <summary>
/// What an account holding a symbol needs to hear about, registered with the symbol's market data (the stop index):
/// a quote at or beyond its stop (<see cref="StopTrigger"/>: the bid for a long, the ask for a short), beyond the best
/// price a trailing stop has seen (<see cref="TrailFrom"/>, where it would ratchet), or a new extreme of the exit price,
/// which the account marks its equity, peak and drawdown with. Every other quote changes nothing in the account, so it
/// is not sent: a symbol held by many accounts costs one comparison per holder per quote, not one message.
/// </summary>
/// <param name="StopTrigger">The highest armed stop of a long (the lowest of a short); null when no stop is armed.</param>
/// <param name="TrailFrom">The lowest best price of a long's armed trailing stops (the highest of a short's); null when none.</param>
/// <param name="AllQuotes">Every quote: positions on both sides of the symbol (reconciliation can adopt either).</param>
[GenerateSerializer, Immutable, Alias("trading.QuoteWatch")]
public sealed record QuoteWatch(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] PositionSide Side,
    [property: Id(3)] decimal? StopTrigger,
    [property: Id(4)] decimal? TrailFrom,
    [property: Id(5)] bool AllQuotes)
{
    /// <summary>The price the positions would exit at: the bid for a long, the ask for a short.</summary>
    public decimal ExitPrice(Quote quote) => Side == PositionSide.Long ? quote.Bid : quote.Ask;

    /// <summary>The quote reaches the stop or moves a trailing stop: the account must act on it.</summary>
    public bool IsActionable(Quote quote)
    {
        if (AllQuotes)
        {
            return true;
        }

        var price = ExitPrice(quote);
        return Side == PositionSide.Long
            ? price <= StopTrigger || price > TrailFrom
            : price >= StopTrigger || price < TrailFrom;
    }
}
