namespace OrleansTrading.Abstractions;

/// <summary>
/// A partial change of an account's limit overrides: the values in <see cref="Set"/> become overrides, the names in
/// <see cref="Restore"/> go back to their default, and every other limit stays as it is.
/// </summary>
[GenerateSerializer, Immutable, Alias("trading.LimitsChange")]
public sealed record LimitsChange(
    [property: Id(0)] LimitOverrides Set,
    [property: Id(1)] IReadOnlyList<LimitName> Restore)
{
    public bool IsEmpty => Restore.Count == 0 && Enum.GetValues<LimitName>().All(n => !Set.Has(n));
}
