using OrleansTrading.Abstractions;

namespace OrleansTrading.Dashboard.Operators;

/// <summary>
/// What an operator can do from the browser, each logged with the operator and the reason. The engine decides:
/// these are the same grain calls the API and CLI make, nothing here re-checks its rules.
/// </summary>
public sealed partial class OperatorActions(IClusterClient client, ILogger<OperatorActions> logger)
{
    public async Task<KillSwitchStatus> SetKillSwitchAsync(string operatorName, KillSwitchState state, string reason)
    {
        var status = await client.KillSwitch().SetStateAsync(state, $"{reason} (by {operatorName} from the dashboard)");
        LogKillSwitch(operatorName, state, reason);
        return status;
    }

    public async Task<FlattenResult> FlattenAsync(string operatorName)
    {
        var result = await client.KillSwitch().FlattenAsync();
        LogFlatten(operatorName, result.Accounts, result.PositionsClosing);
        return result;
    }

    /// <summary>Closes one position with a reduce-only close signal of its full quantity, under a new signal id.</summary>
    public async Task<SignalDecision> ClosePositionAsync(string operatorName, string accountId, PositionSnapshot position)
    {
        var side = position.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        var signal = new TradeSignal($"dashboard-close-{Guid.NewGuid():N}", position.Symbol, side, position.Quantity, SignalAction.Close);
        var decision = await client.Account(accountId).SubmitSignalAsync(signal);
        LogClose(operatorName, accountId, position.Symbol, position.Quantity, signal.SignalId, decision.Status);
        return decision;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator {Operator} set the kill-switch to {State}: {Reason}")]
    private partial void LogKillSwitch(string @operator, KillSwitchState state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator {Operator} flattened: {Accounts} accounts, {Positions} positions closing")]
    private partial void LogFlatten(string @operator, int accounts, int positions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator {Operator} closed {Quantity} {Symbol} of {AccountId} (signal {SignalId}): {Status}")]
    private partial void LogClose(string @operator, string accountId, string symbol, decimal quantity, string signalId, SignalStatus status);
}
