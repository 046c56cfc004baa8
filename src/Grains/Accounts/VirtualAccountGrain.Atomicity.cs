using Microsoft.Extensions.Logging;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// Every decision (a signal, a venue report, a stop, a flatten, a reconciliation) is all or nothing: an exception
/// anywhere inside it puts the account back to its last durable state, in memory as in storage, so no half-applied
/// fill, trade or PnL can be written later by the next decision.
/// </summary>
/// <remarks>
/// "As it was" means as of the last successful write, which is not always the start of the decision. An order is
/// written as pending before the venue sees it (<see cref="SendOrderAsync"/>); once it has left, forgetting it would
/// lose a trade the venue may have made. Each write inside a decision therefore moves the restore point forward (it
/// is simply what storage holds): after a failure the order stays, pending, while nothing of what the venue answered (fills, trades, balance, stats, the
/// decision) is applied. Reconciliation, or a retry with the same signal id, asks the venue again and applies it then.
/// </remarks>
public sealed partial class VirtualAccountGrain
{
    /// <summary>True while a decision runs: a nested one (a stop inside a reconciliation) leaves the rollback to it.</summary>
    private bool _inDecision;

    /// <remarks>
    /// The restore point is what storage holds, so nothing is copied up front: the stop check on every pushed quote
    /// and timer tick costs nothing extra, and only a failure pays one read.
    /// </remarks>
    private async Task<T> AtomicallyAsync<T>(Func<Task<T>> decision)
    {
        if (_inDecision)
        {
            return await decision();
        }

        _inDecision = true;
        try
        {
            return await decision();
        }
        catch (Exception ex)
        {
            await RollBackAsync(ex);
            throw;
        }
        finally
        {
            _inDecision = false;
        }
    }

    private Task AtomicallyAsync(Func<Task> decision) => AtomicallyAsync(async () =>
    {
        await decision();
        return true;
    });

    private async Task RollBackAsync(Exception exception)
    {
        _unjournaledFills.Clear();
        _unjournaledTrades.Clear();
        _unjournaledDecisions.Clear();
        _unjournaledLimitEvents.Clear();
        _waitingStops.Clear();
        try
        {
            await state.ReadStateAsync();
            PostReconciliationMark();
            // The journal is written before state: ids it already holds must not be handed out again.
            Account.NextOrderNumber = Math.Max(Account.NextOrderNumber, await journal.GetHighestOrderNumberAsync(AccountId) + 1);
            // An order stored as pending went to the venue with its journal row left for the decision's write, which
            // failed: the journal shows it now (idempotent; state still counts it unjournaled until its next write).
            await journal.AppendAsync(new Journal.JournalBatch(AccountId, UnjournaledOrderEvents(), [], [], []));
            LogRolledBack(exception, AccountId);
            await ResyncExposureAsync(); // a reservation made by the failed decision goes back

        }
        catch (Exception readFailure)
        {
            // Storage itself is failing: this activation cannot be trusted; the next call reloads a new one.
            LogRollBackFailed(readFailure, AccountId);
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} failed in the middle of a decision; its state is back to the last stored one")]
    private partial void LogRolledBack(Exception exception, string accountId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} failed in the middle of a decision and could not reload its stored state; deactivating")]
    private partial void LogRollBackFailed(Exception exception, string accountId);
}
