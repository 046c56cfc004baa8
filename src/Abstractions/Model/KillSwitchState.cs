namespace OrleansTrading.Abstractions;

/// <summary>Cluster-wide trading permission.</summary>
[GenerateSerializer, Alias("trading.KillSwitchState")]
public enum KillSwitchState
{
    /// <summary>Entries and exits are allowed.</summary>
    Active = 0,

    /// <summary>Only exits are allowed.</summary>
    ReduceOnly = 1,

    /// <summary>Nothing trades except stop-losses.</summary>
    Halted = 2,
}
