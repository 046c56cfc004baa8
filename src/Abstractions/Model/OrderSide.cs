namespace OrleansTrading.Abstractions;

/// <summary>Direction of an order or a signal.</summary>
[GenerateSerializer, Alias("trading.OrderSide")]
public enum OrderSide
{
    Buy = 0,
    Sell = 1,
}
