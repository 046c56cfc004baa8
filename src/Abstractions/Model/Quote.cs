namespace OrleansTrading.Abstractions;

/// <summary>Top of book for one symbol. Sizes are optional; when absent the venue assumes unlimited size.</summary>
[GenerateSerializer, Immutable, Alias("trading.Quote")]
public sealed record Quote(
    [property: Id(0)] string Symbol,
    [property: Id(1)] decimal Bid,
    [property: Id(2)] decimal Ask,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] decimal? BidSize = null,
    [property: Id(5)] decimal? AskSize = null)
{
    public decimal Mid => (Bid + Ask) / 2m;
}
