using System.Collections.Concurrent;

namespace OrleansTrading.Grains.Reconciliation;

/// <summary>
/// What reconciliation compares, kept where the silo's grains can post it without a message: each account's stored
/// exposure (working orders or not, net quantity per symbol) and its venue's net positions. With no working orders the
/// reconciliation plan is exactly "align each symbol's net quantity with the venue's", so equal nets mean it would
/// repair nothing, and a shard sweep checks thousands of accounts at rest in microseconds; any difference, a working
/// order or a missing mark sends the account a full reconciliation. Both sides post only what they have stored, so a
/// deactivated account keeps its mark (its stored state cannot change while it is inactive); a venue that posts
/// nothing (an adapter without this board) gets a full reconciliation on every sweep.
/// </summary>
public sealed class ReconciliationBoard
{
    private readonly ConcurrentDictionary<string, AccountMark> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, decimal>> _venues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);

    public void MarkAccount(string accountId, bool hasWorkingOrders, IReadOnlyDictionary<string, decimal> netPositions) =>
        _accounts[accountId] = new AccountMark(hasWorkingOrders, netPositions);

    public void MarkVenue(string accountId, IReadOnlyDictionary<string, decimal> netPositions) => _venues[accountId] = netPositions;

    public void ForgetVenue(string accountId) => _venues.TryRemove(accountId, out _);

    public void ForgetAccount(string accountId) => _accounts.TryRemove(accountId, out _);

    public BoardVerdict Check(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var account) || !_venues.TryGetValue(accountId, out var venue))
        {
            return BoardVerdict.Unknown;
        }

        if (account.HasWorkingOrders || !SameNets(account.NetPositions, venue))
        {
            return BoardVerdict.Reconcile;
        }

        return account.NetPositions.Count == 0 ? BoardVerdict.Flat : BoardVerdict.InSync;
    }

    public void Verified(string accountId, DateTimeOffset at) => _verified[accountId] = at;

    public DateTimeOffset? VerifiedAt(string accountId) => _verified.TryGetValue(accountId, out var at) ? at : null;

    /// <summary>Net quantity per symbol, zeros left out (the venue reports only symbols it holds).</summary>
    public static Dictionary<string, decimal> Nets<T>(IEnumerable<T> items, Func<T, string> symbol, Func<T, decimal> signedQuantity)
    {
        var nets = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            nets[symbol(item)] = nets.GetValueOrDefault(symbol(item)) + signedQuantity(item);
        }

        foreach (var zero in nets.Where(n => n.Value == 0).Select(n => n.Key).ToList())
        {
            nets.Remove(zero);
        }

        return nets;
    }

    private static bool SameNets(IReadOnlyDictionary<string, decimal> account, IReadOnlyDictionary<string, decimal> venue) =>
        account.Count == venue.Count && account.All(a => venue.TryGetValue(a.Key, out var v) && v == a.Value);

    private sealed record AccountMark(bool HasWorkingOrders, IReadOnlyDictionary<string, decimal> NetPositions);
}

public enum BoardVerdict
{
    /// <summary>One side has posted nothing (not active since the silo started, or a venue without the board).</summary>
    Unknown,

    /// <summary>A working order, or nets that differ: only a full reconciliation can tell.</summary>
    Reconcile,

    /// <summary>Positions held, nets equal: a reconciliation would repair nothing.</summary>
    InSync,

    /// <summary>Nothing held on either side, no working order.</summary>
    Flat,
}
