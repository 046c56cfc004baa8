namespace OrleansTrading.Abstractions;

/// <summary>Whether a signal opens a new position or closes (reduce-only) existing ones.</summary>
[GenerateSerializer, Alias("trading.SignalAction")]
public enum SignalAction
{
    Open = 0,
    Close = 1,
}
