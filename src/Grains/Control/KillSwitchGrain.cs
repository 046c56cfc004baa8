using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Activity;

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
    private KillSwitchGrainState? _committed;
    private bool _pending;

    /// <summary>Interleaves with a write in progress, so it answers from the last stored state, not the one being written.</summary>
    public Task<KillSwitchStatus> GetStatusAsync() => Task.FromResult(_pending && _committed is not null ? ToStatus(_committed) : Current);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committed = state.State;
        return Task.CompletedTask;
    }

    public async Task<KillSwitchStatus> SetStateAsync(KillSwitchState newState, string? reason)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.IsDefined(newState))
        {
            errors["state"] = [$"state must be {EnumWords.Describe<KillSwitchState>()}."];
        }

        if (InputRules.ReasonProblem(reason) is { } problem)
        {
            errors["reason"] = [$"reason {problem}."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        // The live state changes only once the new one is stored: a failed write leaves the old state in force,
        // so nobody trades (or stops trading) on a switch position the operator was told did not take.
        var previous = state.State;
        state.State = new KillSwitchGrainState
        {
            State = newState,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            ChangedAt = clock.GetUtcNow(),
        };
        _pending = true;
        try
        {
            await state.WriteStateAsync();
            ServiceProvider.GetRequiredService<ActivityCollector>().KillSwitchChanged();
        }
        catch
        {
            state.State = previous;
            throw;
        }
        finally
        {
            _pending = false;
        }

        _committed = state.State;
        LogChanged(newState, LogText.Escape(state.State.Reason));
        return Current;
    }

    public async Task<FlattenResult> FlattenAsync()
    {
        // The stored state decides: a change still being written has not happened yet.
        if ((_committed ?? state.State).State == KillSwitchState.Active)
        {
            throw new InvalidOperationException("Flatten needs the kill-switch in reduceOnly or halted first.");
        }

        var accounts = await GrainFactory.AccountDirectory().ListAsync();
        var results = await Task.WhenAll(accounts.Select(async id =>
        {
            try
            {
                return (id, closing: await GrainFactory.Get<IAccountFeedGrain>(id).FlattenAsync(), failed: false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogFlattenFailed(ex, id);
                return (id, closing: 0, failed: true);
            }
        }));
        var result = new FlattenResult(accounts.Count, results.Sum(r => r.closing), [.. results.Where(r => r.failed).Select(r => r.id)]);
        LogFlattened(result.Accounts, result.PositionsClosing, result.FailedAccounts.Count);
        return result;
    }

    private KillSwitchStatus Current => ToStatus(state.State);

    private static KillSwitchStatus ToStatus(KillSwitchGrainState s) => new(s.State, s.Reason, s.ChangedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flatten: {Accounts} accounts, {Positions} positions closing, {Failed} accounts failed")]
    private partial void LogFlattened(int accounts, int positions, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flatten failed for account {AccountId}")]
    private partial void LogFlattenFailed(Exception exception, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kill-switch set to {State}: {Reason}")]
    private partial void LogChanged(KillSwitchState state, string? reason);
}
