namespace OrleansTrading.Abstractions;

[GenerateSerializer, Immutable, Alias("trading.FlattenResult")]
public sealed record FlattenResult(
    [property: Id(0)] int Accounts,
    [property: Id(1)] int PositionsClosing,
    [property: Id(2)] IReadOnlyList<string> FailedAccounts);
