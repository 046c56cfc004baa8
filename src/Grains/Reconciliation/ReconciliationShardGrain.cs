using OrleansTrading.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>
/// Reconciles the accounts with exposure in its shard every <c>Trading:Reconciliation:Interval</c>, on one Orleans
/// reminder for the whole shard instead of one per account: accounts at rest whose stored nets equal their venue's (the
/// <see cref="ReconciliationBoard"/>) are verified in memory, every other one gets a full reconciliation (a call that
/// also activates it). After a restart, kill -9 included, the reminder re-activates the shard within one interval, the
/// board is empty, and so every listed account is re-activated and reconciled: its stops are watched again.
/// Reentrant: an account it reconciles may call back (to be listed, or to leave) while the sweep waits for it.
/// </summary>
[Reentrant]
public sealed partial class ReconciliationShardGrain(
    IMonitoredAccounts monitored,
    ReconciliationBoard board,
    IOptions<TradingOptions> options,
    [FromKeyedServices(TradingClock.Key)] TimeProvider clock,
    ILogger<ReconciliationShardGrain> logger) : Grain, IReconciliationShardGrain, IRemindable
{
    private const string SweepReminder = "sweep";

    /// <summary>
    /// Sweeps an account stays listed for after it went flat: an account trading round trips stays listed instead of
    /// writing itself in and out around every position.
    /// </summary>
    public const int FlatSweepsBeforeRelease = 12;

    /// <summary>Full reconciliations in flight at once, so a revival after a restart does not flood the silo.</summary>
    private const int Parallelism = 64;

    /// <summary>Listed accounts and how many sweeps in a row each has been seen flat.</summary>
    private readonly Dictionary<string, int> _accounts = new(StringComparer.Ordinal);
    private bool _sweeping;

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var accountId in await monitored.ListAsync(Shard, cancellationToken))
        {
            _accounts[accountId] = 0;
        }

        if (await this.GetReminder(SweepReminder) is null)
        {
            var interval = options.Value.Reconciliation.Interval;
            await this.RegisterOrUpdateReminder(SweepReminder, interval, interval);
        }
    }

    public async Task MonitorAsync(string accountId)
    {
        if (_accounts.ContainsKey(accountId))
        {
            _accounts[accountId] = 0;
            return;
        }

        await monitored.AddAsync(accountId, Shard);
        _accounts[accountId] = 0;
    }

    public async Task ReleaseAsync(string accountId)
    {
        await monitored.RemoveAsync(accountId);
        _accounts.Remove(accountId);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == SweepReminder ? SweepAsync() : Task.CompletedTask;

    public async Task<int> SweepAsync()
    {
        if (_sweeping)
        {
            return 0; // a slow sweep (a revival) is still running: the next tick takes over
        }

        _sweeping = true;
        try
        {
            var now = clock.GetUtcNow();
            var reconcile = new List<string>();
            var release = new List<string>();
            foreach (var accountId in _accounts.Keys.ToList())
            {
                switch (board.Check(accountId))
                {
                    case BoardVerdict.InSync:
                        board.Verified(accountId, now);
                        _accounts[accountId] = 0;
                        break;
                    case BoardVerdict.Flat:
                        board.Verified(accountId, now);
                        if ((_accounts[accountId] += 1) >= FlatSweepsBeforeRelease)
                        {
                            release.Add(accountId);
                        }

                        break;
                    default:
                        _accounts[accountId] = 0;
                        reconcile.Add(accountId);
                        break;
                }
            }

            foreach (var batch in reconcile.Chunk(Parallelism))
            {
                await Task.WhenAll(batch.Select(ReconcileOneAsync));
            }

            foreach (var accountId in release)
            {
                await ReleaseOneAsync(accountId);
            }

            return reconcile.Count;
        }
        finally
        {
            _sweeping = false;
        }
    }

    private async Task ReconcileOneAsync(string accountId)
    {
        try
        {
            await GrainFactory.Get<IAccountFeedGrain>(accountId).ReconcileAsync();
        }
        catch (Exception ex)
        {
            LogReconcileFailed(ex, accountId);
        }
    }

    private async Task ReleaseOneAsync(string accountId)
    {
        try
        {
            // The account decides, in its own turn, and removes itself through ReleaseAsync: it cannot start trading
            // again between the check and the removal.
            await GrainFactory.Get<IAccountFeedGrain>(accountId).ReleaseMonitoringAsync();
        }
        catch (Exception ex)
        {
            LogReconcileFailed(ex, accountId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of account {AccountId} failed; the next sweep tries again")]
    private partial void LogReconcileFailed(Exception exception, string accountId);
}
