namespace OrleansTrading.Abstractions.Venue;

/// <summary>One execution. <see cref="FillId"/> is unique per account, so applying a fill twice is detectable.</summary>
[GenerateSerializer, Immutable, Alias("trading.VenueFill")]
public sealed record VenueFill(
    [property: Id(0)] string FillId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] decimal Price,
    [property: Id(6)] DateTimeOffset At);
