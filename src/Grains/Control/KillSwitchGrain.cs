using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Control;

[GenerateSerializer, Alias("trading.KillSwitchGrainState")]
public sealed class KillSwitchGrainState
{
    [Id(0)] public KillSwitchState State { get; set; } = KillSwitchState.Active;
    [Id(1)] public string? Reason { get; set; }
    [Id(2)] public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>The cluster-wide kill-switch; every change is persisted before it is acknowledged.</summary>
public sealed partial class KillSwitchGrain(
    [PersistentState("killSwitch", StorageNames.Trading)] IPersistentState<KillSwitchGrainState> state,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    ILogger<KillSwitchGrain> logger) : Grain, IKillSwitchGrain
{
    public Task<KillSwitchStatus> GetStatusAsync() => Task.FromResult(Current);

    public async Task<KillSwitchStatus> SetStateAsync(KillSwitchState newState, string? reason)
    {
        if (!Enum.IsDefined(newState))
        {
            throw new ArgumentOutOfRangeException(nameof(newState), newState, "Unknown kill-switch state.");
        }

        state.State.State = newState;
        state.State.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        state.State.ChangedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        LogChanged(newState, state.State.Reason);
        return Current;
    }

    private KillSwitchStatus Current => new(state.State.State, state.State.Reason, state.State.ChangedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kill-switch set to {State}: {Reason}")]
    private partial void LogChanged(KillSwitchState state, string? reason);
}
