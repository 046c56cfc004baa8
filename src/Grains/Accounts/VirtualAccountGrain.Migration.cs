using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// Upgrades state written by releases that kept history in grain state (the last decisions and finished orders):
/// the decisions move to the decisions journal, the finished orders (already journaled) leave state.
/// </summary>
public sealed partial class VirtualAccountGrain
{
    private async Task MigrateLegacyStateAsync()
    {
        var legacyDecisions = Account.LegacyDecisions;
        var finishedOrders = Account.Orders.Count(o => o.IsTerminal);
        if (legacyDecisions.Count == 0 && finishedOrders == 0)
        {
            return;
        }

        foreach (var legacy in legacyDecisions)
        {
            // That state kept only the answer: the signal's content is unknown, so it is recorded as such
            // (DecisionRecord.HasSignalContent is false) and a re-send is answered without comparing content.
            var decidedAt = Account.Orders.FirstOrDefault(o => o.OrderId == legacy.Decision.OrderId)?.History[0].At ?? Account.CreatedAt;
            var d = legacy.Decision;
            _unjournaledDecisions.Add(new DecisionRecord(AccountId, legacy.SignalId, "", OrderSide.Buy, 0m, SignalAction.Open, null, null,
                d.Status, d.Reason, d.Detail, d.OrderId, d.FilledQuantity, d.AveragePrice, d.StopLossPrice, d.RealizedPnl, decidedAt));
        }

        foreach (var order in Account.Orders.Where(o => legacyDecisions.Any(d => d.SignalId == o.SignalId)))
        {
            order.DecisionAcknowledged = true;
        }

        Account.LegacyDecisions = [];
        await PersistAsync(); // journals the decisions (idempotent), then drops finished orders from state
        LogMigrated(AccountId, legacyDecisions.Count, finishedOrders);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} upgraded its stored state: {Decisions} decisions moved to the journal, {FinishedOrders} finished orders left state")]
    private partial void LogMigrated(string accountId, int decisions, int finishedOrders);
}
