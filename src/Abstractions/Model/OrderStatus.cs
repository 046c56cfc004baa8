namespace OrleansTrading.Abstractions;

/// <summary>Lifecycle of an order at the venue, as the account knows it.</summary>
[GenerateSerializer, Alias("trading.OrderStatus")]
public enum OrderStatus
{
    /// <summary>Recorded by the account, not yet acknowledged by the venue.</summary>
    Pending = 0,
    Accepted = 1,
    PartiallyFilled = 2,
    Filled = 3,

    /// <summary>Nothing more will fill; what filled stays filled.</summary>
    Cancelled = 4,
    Rejected = 5,
}
