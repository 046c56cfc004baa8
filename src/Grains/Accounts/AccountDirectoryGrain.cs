using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Accounts;

/// <summary>What releases before the <c>account_directory</c> table stored: every id in one row. Read once, to move them.</summary>
[GenerateSerializer, Alias("trading.AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    [Id(0)] public HashSet<string> AccountIds { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Every account id ever created, so accounts can be listed without knowing ids in advance: one row per account, so a
/// create costs one small insert however many accounts exist.
/// </summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("directory", StorageNames.Trading)] IPersistentState<AccountDirectoryState> legacy,
    IAccountDirectoryRows directory) : Grain, IAccountDirectoryGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (legacy.State.AccountIds.Count > 0)
        {
            await directory.AddAsync(legacy.State.AccountIds, cancellationToken);
            await legacy.ClearStateAsync();
        }
    }

    public async Task RegisterAsync(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        await directory.AddAsync([accountId]);
    }

    public Task<IReadOnlyList<string>> ListAsync() => directory.ListAsync();
}
