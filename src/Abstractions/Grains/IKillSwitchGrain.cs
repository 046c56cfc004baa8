namespace OrleansTrading.Abstractions;

/// <summary>The cluster-wide kill-switch. Use <see cref="KillSwitchKey"/> as its key.</summary>
[Alias("trading.IKillSwitchGrain")]
public interface IKillSwitchGrain : IGrainWithStringKey
{
    [ReadOnly, Alias("GetStatusAsync")]
    Task<KillSwitchStatus> GetStatusAsync();

    [Alias("SetStateAsync")]
    Task<KillSwitchStatus> SetStateAsync(KillSwitchState state, string? reason);
}

public static class KillSwitchKey
{
    /// <summary>There is exactly one kill-switch per cluster.</summary>
    public const string Global = "global";
}
