namespace OrleansTrading.Abstractions;

[GenerateSerializer, Alias("trading.SignalStatus")]
public enum SignalStatus
{
    Accepted = 0,
    Rejected = 1,
}
