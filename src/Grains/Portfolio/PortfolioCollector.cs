using System.Collections.Concurrent;

namespace OrleansTrading.Grains.Portfolio;

/// <summary>
/// Each account's latest figures on this silo since the last flush, in memory: an account marking its equity on every
/// quote costs a dictionary write, and the portfolio grain gets one coalesced message per flush interval.
/// </summary>
public sealed class PortfolioCollector
{
    private readonly ConcurrentDictionary<string, AccountDayFigures> _latest = new(StringComparer.Ordinal);

    public void Report(AccountDayFigures figures) => _latest[figures.AccountId] = figures;

    /// <summary>Puts back figures a failed flush took, unless the account reported newer ones meanwhile.</summary>
    public void Restore(IEnumerable<AccountDayFigures> figures)
    {
        foreach (var f in figures)
        {
            _latest.TryAdd(f.AccountId, f);
        }
    }

    /// <summary>Everything reported since the last call (the latest per account), and starts afresh.</summary>
    public IReadOnlyList<AccountDayFigures> Take()
    {
        var taken = new List<AccountDayFigures>();
        foreach (var id in _latest.Keys)
        {
            if (_latest.TryRemove(id, out var figures))
            {
                taken.Add(figures);
            }
        }

        return taken;
    }
}
