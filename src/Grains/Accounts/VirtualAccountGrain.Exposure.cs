using Microsoft.Extensions.Logging;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Exposure;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Accounts;

/// <summary>
/// The account's part of the portfolio exposure: an entry reserves its notional at the symbol's exposure grain before
/// its order exists, and after every turn the account tells each symbol grain its exposure there as it now is (a fill
/// below the reservation, a cancel, a close release room; a repair adds it). The values sent are absolute, so a lost or
/// repeated message is corrected by the next one.
/// </summary>
public sealed partial class VirtualAccountGrain
{
    /// <summary>A value the symbol grain may not hold: it is sent again at the next turn.</summary>
    private const decimal Unknown = -1m;

    /// <summary>What each symbol's exposure grain was last told about this account (memory only).</summary>
    private readonly Dictionary<string, decimal> _reportedExposure = new(StringComparer.Ordinal);

    /// <summary>
    /// False while activating: a symbol grain rebuilding itself asks its accounts, so an account must not call one
    /// before its own activation has finished.
    /// </summary>
    private bool _activated;

    public Task<decimal> GetExposureAsync(string symbol) =>
        Task.FromResult(Account.Created ? ExposureIn(GrainKeys.Symbol(symbol)) : 0m);

    private decimal ExposureIn(string symbol) => Account.OpenPositions().Where(p => p.Symbol == symbol).Sum(p => p.Notional);

    /// <summary>
    /// Reserves <paramref name="notional"/> more in <paramref name="symbol"/> for an entry about to be sent; null when
    /// granted, the <c>portfolioExposure</c> denial when a limit refuses it (nothing reserved then).
    /// </summary>
    private async Task<Denial?> ReserveExposureAsync(string symbol, decimal notional)
    {
        var target = ExposureIn(symbol) + notional;
        var previous = _reportedExposure.TryGetValue(symbol, out var reported) ? reported : (decimal?)null;
        _reportedExposure[symbol] = Unknown; // a failure below leaves it to the next turn to set right
        var verdict = await GrainFactory.SymbolExposure(symbol).TryReserveAsync(AccountId, target);
        if (verdict.Granted)
        {
            _reportedExposure[symbol] = target;
            return null;
        }

        if (previous is { } value)
        {
            _reportedExposure[symbol] = value;
        }
        else
        {
            _reportedExposure.Remove(symbol);
        }

        return new Denial(RejectionReason.PortfolioExposure, verdict.Detail ?? "The portfolio exposure limit leaves no room for this entry.");
    }

    /// <summary>Tells each symbol grain whose view differs the account's exposure there now; a failure is retried next turn.</summary>
    private async Task SyncExposureAsync()
    {
        if (!_activated || !Account.Created)
        {
            return;
        }

        var current = Account.OpenPositions().GroupBy(p => p.Symbol, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Notional), StringComparer.Ordinal);
        foreach (var symbol in current.Keys.Union(_reportedExposure.Keys).ToList())
        {
            var exposure = current.GetValueOrDefault(symbol);
            var known = _reportedExposure.TryGetValue(symbol, out var reported);
            if ((known && reported == exposure) || (!known && exposure == 0))
            {
                continue;
            }

            try
            {
                await GrainFactory.SymbolExposure(symbol).SetAsync(AccountId, exposure);
                if (exposure == 0)
                {
                    _reportedExposure.Remove(symbol);
                }
                else
                {
                    _reportedExposure[symbol] = exposure;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _reportedExposure[symbol] = Unknown;
                LogExposureSyncFailed(ex, AccountId, symbol);
            }
        }
    }

    /// <summary>After a rollback the symbol grains may hold a reservation the account no longer has: all are told again.</summary>
    private async Task ResyncExposureAsync()
    {
        foreach (var symbol in _reportedExposure.Keys.ToList())
        {
            _reportedExposure[symbol] = Unknown;
        }

        await SyncExposureAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} could not tell the exposure grain of {Symbol} its exposure; it retries at its next turn")]
    private partial void LogExposureSyncFailed(Exception exception, string accountId, string symbol);
}
