namespace OrleansTrading.Abstractions;

[GenerateSerializer, Alias("trading.PositionSide")]
public enum PositionSide
{
    Long = 0,
    Short = 1,
}
