namespace OrleansTrading.Abstractions;

/// <summary>One effective limit and where it comes from.</summary>
[GenerateSerializer, Immutable, Alias("trading.LimitValue`1")]
public sealed record LimitValue<T>(
    [property: Id(0)] T Value,
    [property: Id(1)] LimitSource Source);
