using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Accounts;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Exposure;

[GenerateSerializer, Alias("trading.SymbolExposureState")]
public sealed class SymbolExposureState
{
    /// <summary>Accounts that ever held exposure here: asked again after a restart. Written when one joins, so rarely.</summary>
    [Id(0)] public HashSet<string> Accounts { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One symbol's exposure, in memory, rebuilt at activation from the accounts that ever held it (their state is the
/// truth): so nothing is written per signal. See <see cref="ISymbolExposureGrain"/>.
/// </summary>
public sealed partial class SymbolExposureGrain(
    [PersistentState("exposure", StorageNames.Trading)] IPersistentState<SymbolExposureState> state,
    IOptions<TradingOptions> options,
    ILogger<SymbolExposureGrain> logger) : Grain, ISymbolExposureGrain
{
    private readonly Dictionary<string, decimal> _byAccount = new(StringComparer.Ordinal);
    private decimal _gross;
    private decimal _lease;
    private bool _leasing;
    private bool _leaseChecked;

    private string Symbol => this.GetPrimaryKeyString();

    private PortfolioLimitsOptions Limits => options.Value.Limits.Portfolio;

    /// <summary>A tenth of the smaller limit: how much room a symbol leases beyond its need at a time.</summary>
    private decimal Chunk => Math.Min(Limits.MaxExposurePerSymbol, Limits.MaxGrossExposure) / 10m;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lease = await GrainFactory.GrossExposure().GetLeaseAsync(Symbol);
        var members = state.State.Accounts.ToList();
        var exposures = await Task.WhenAll(members.Select(id => GrainFactory.Get<IAccountFeedGrain>(id).GetExposureAsync(Symbol)));
        var gone = new List<string>();
        for (var i = 0; i < members.Count; i++)
        {
            if (exposures[i] > 0)
            {
                _byAccount[members[i]] = exposures[i];
                _gross += exposures[i];
            }
            else
            {
                gone.Add(members[i]);
            }
        }

        if (gone.Count > 0)
        {
            state.State.Accounts.ExceptWith(gone);
            await state.WriteStateAsync();
        }

        LogRebuilt(Symbol, _byAccount.Count, _gross, _lease);
    }

    public async Task<ExposureVerdict> TryReserveAsync(string accountId, decimal exposure)
    {
        await CoverUseAsync();
        var before = _byAccount.GetValueOrDefault(accountId);
        var additional = exposure - before;
        if (additional > 0)
        {
            if (PortfolioExposure.CheckSymbol(Symbol, _gross, additional, Limits.MaxExposurePerSymbol) is { } symbolDenial)
            {
                return new ExposureVerdict(false, symbolDenial.Detail);
            }

            var needed = _gross + additional;
            if (needed > _lease)
            {
                var grant = await LeaseAsync(needed, Math.Max(needed, Math.Min(needed + Chunk, Limits.MaxExposurePerSymbol)));
                if (grant.Lease < needed)
                {
                    var detail = PortfolioExposure.CheckGross(grant.OthersLeased + _gross, additional, Limits.MaxGrossExposure)?.Detail
                        ?? $"gross exposure would exceed {LimitText.Amount(Limits.MaxGrossExposure)} limit (Portfolio:MaxGrossExposure).";
                    return new ExposureVerdict(false, detail);
                }
            }
        }

        await RecordAsync(accountId, exposure);
        return ExposureVerdict.Yes;
    }

    public async Task SetAsync(string accountId, decimal exposure)
    {
        await RecordAsync(accountId, exposure);
        await CoverUseAsync();
        if (_lease - _gross > 2 * Chunk)
        {
            // Hand back all but one chunk of idle room, so other symbols can use it without a reclaim.
            _lease = _gross + Chunk;
            await GrainFactory.GrossExposure().SetLeaseAsync(Symbol, _lease);
        }
    }

    public Task<SymbolExposure> GetAsync() =>
        Task.FromResult(new SymbolExposure(Symbol, _gross, Limits.MaxExposurePerSymbol, _byAccount.Count));

    public Task<decimal> ReturnIdleRoomAsync()
    {
        if (!_leasing && _lease > _gross)
        {
            _lease = _gross;
        }

        return Task.FromResult(_lease);
    }

    private async Task<LeaseGrant> LeaseAsync(decimal minimum, decimal preferred)
    {
        _leasing = true;
        try
        {
            var grant = await GrainFactory.GrossExposure().RequestAsync(Symbol, _lease, minimum, preferred);
            _lease = grant.Lease;
            return grant;
        }
        finally
        {
            _leasing = false;
        }
    }

    /// <summary>
    /// Use above the lease (a repair, a fill above its reservation, accounts found at activation) is real exposure: the
    /// lease is raised to it so the gross grain counts it. Checked once after activation, then whenever use grows.
    /// </summary>
    private async Task CoverUseAsync()
    {
        if (_leaseChecked && _gross <= _lease)
        {
            return;
        }

        if (_gross > _lease)
        {
            _lease = _gross;
            await GrainFactory.GrossExposure().SetLeaseAsync(Symbol, _lease);
        }

        _leaseChecked = true;
    }

    private async Task RecordAsync(string accountId, decimal exposure)
    {
        var before = _byAccount.GetValueOrDefault(accountId);
        _gross += exposure - before;
        if (exposure > 0)
        {
            _byAccount[accountId] = exposure;
        }
        else
        {
            _byAccount.Remove(accountId);
        }

        if (exposure > 0 && state.State.Accounts.Add(accountId))
        {
            await state.WriteStateAsync(); // before answering: after a restart this account is asked again
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exposure of {Symbol} rebuilt from {Accounts} accounts: gross {Gross}, lease {Lease}")]
    private partial void LogRebuilt(string symbol, int accounts, decimal gross, decimal lease);
}
