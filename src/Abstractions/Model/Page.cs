namespace OrleansTrading.Abstractions;

/// <summary>One page of a newest-first listing.</summary>
[GenerateSerializer, Immutable, Alias("trading.Page`1")]
public sealed record Page<T>(
    [property: Id(0)] IReadOnlyList<T> Items,
    [property: Id(1)] int Offset,
    [property: Id(2)] int Limit,
    [property: Id(3)] int Total);
