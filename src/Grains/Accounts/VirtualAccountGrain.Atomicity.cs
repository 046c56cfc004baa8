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
/// lose a trade the venue may have made. So each write inside a decision moves the restore point forward: after a
/// failure the order stays, pending, while nothing of what the venue answered (fills, trades, balance, stats, the
/// decision) is applied. Reconciliation, or a retry with the same signal id, asks the venue again and applies it then.
/// </remarks>
public sealed partial class VirtualAccountGrain
{
    /// <summary>The state to return to if the running decision fails; null outside a decision.</summary>
    private VirtualAccountState? _restorePoint;

    private async Task<T> AtomicallyAsync<T>(Func<Task<T>> decision)
    {
        if (_restorePoint is not null)
        {
            return await decision(); // already inside a decision: the outer one restores
        }

        _restorePoint = copier.Copy(Account);
        try
        {
            return await decision();
        }
        catch (Exception ex)
        {
            RollBack(ex);
            throw;
        }
        finally
        {
            _restorePoint = null;
        }
    }

    private Task AtomicallyAsync(Func<Task> decision) => AtomicallyAsync(async () =>
    {
        await decision();
        return true;
    });

    /// <summary>Called after each successful write: what is stored is what a later failure returns to.</summary>
    private void MoveRestorePoint()
    {
        if (_restorePoint is not null)
        {
            _restorePoint = copier.Copy(Account);
        }
    }

    private void RollBack(Exception exception)
    {
        state.State = _restorePoint!;
        _unjournaledFills.Clear();
        _unjournaledTrades.Clear();
        _unjournaledDecisions.Clear();
        _waitingStops.Clear();
        LogRolledBack(exception, AccountId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {AccountId} failed in the middle of a decision; its state is back to the last stored one")]
    private partial void LogRolledBack(Exception exception, string accountId);
}
