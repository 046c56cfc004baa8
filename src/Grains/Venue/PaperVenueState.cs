using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Venue;

namespace OrleansTrading.Grains.Venue;

[GenerateSerializer, Alias("trading.PaperVenueState")]
public sealed class PaperVenueState
{
    [Id(0)] public Dictionary<string, VenueOrderRecord> Orders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Symbol → signed quantity: the venue's own record of what the account holds.</summary>
    [Id(1)] public Dictionary<string, decimal> NetPositions { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public long NextFillNumber { get; set; } = 1;
}

[GenerateSerializer, Alias("trading.VenueOrderRecord")]
public sealed class VenueOrderRecord
{
    [Id(0)] public VenueOrder Order { get; set; } = null!;
    [Id(1)] public OrderStatus Status { get; set; }
    [Id(2)] public List<VenueFill> Fills { get; set; } = [];
    [Id(3)] public VenueCancelReason CancelReason { get; set; }
    [Id(4)] public string? RejectReason { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }

    public decimal Remaining => Order.Quantity - Fills.Sum(f => f.Quantity);

    public bool IsWorking => Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled;

    public VenueOrderReport ToReport() =>
        new(Order, Status, [.. Fills], CancelReason, RejectReason, UpdatedAt);
}
