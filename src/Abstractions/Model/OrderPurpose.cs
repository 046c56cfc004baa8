namespace OrleansTrading.Abstractions;

/// <summary>Why an order was sent; also the reason recorded on the trade it closes.</summary>
[GenerateSerializer, Alias("trading.OrderPurpose")]
public enum OrderPurpose
{
    Entry = 0,
    Signal = 1,
    StopLoss = 2,
    TrailingStop = 3,
    Flatten = 4,
    Reconciliation = 5,
}
