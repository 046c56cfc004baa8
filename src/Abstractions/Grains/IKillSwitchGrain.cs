namespace OrleansTrading.Abstractions;

/// <summary>The cluster-wide kill-switch. Use <see cref="KillSwitchKey"/> as its key.</summary>
[Alias("trading.IKillSwitchGrain")]
public interface IKillSwitchGrain : IGrainWithStringKey
{
    /// <summary>Interleaves with everything: accounts read it on every signal, even while a flatten fans out to them.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetStatusAsync")]
    Task<KillSwitchStatus> GetStatusAsync();

    [Alias("SetStateAsync")]
    Task<KillSwitchStatus> SetStateAsync(KillSwitchState state, string? reason);

    /// <summary>
    /// Sends reduce-only orders closing every open position of every account. Allowed only while the kill-switch
    /// is reduceOnly or halted (otherwise <see cref="InvalidOperationException"/>).
    /// </summary>
    /// <remarks>Interleaves so that the switch can still be changed (e.g. to halted) while a long flatten fans out.</remarks>
    [AlwaysInterleave, Alias("FlattenAsync")]
    Task<FlattenResult> FlattenAsync();
}

public static class KillSwitchKey
{
    /// <summary>There is exactly one kill-switch per cluster.</summary>
    public const string Global = "global";
}
