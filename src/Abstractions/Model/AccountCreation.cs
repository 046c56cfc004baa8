namespace OrleansTrading.Abstractions;

/// <summary>Result of a create call: <see cref="Created"/> is false when the account already existed.</summary>
[GenerateSerializer, Immutable, Alias("trading.AccountCreation")]
public sealed record AccountCreation(
    [property: Id(0)] bool Created,
    [property: Id(1)] AccountSnapshot Snapshot);
