using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Accounts;

[GenerateSerializer, Alias("trading.AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    [Id(0)] public HashSet<string> AccountIds { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Every account id ever created, so accounts can be listed without knowing ids in advance.</summary>
public sealed class AccountDirectoryGrain(
    [PersistentState("directory", StorageNames.Trading)] IPersistentState<AccountDirectoryState> state) : Grain, IAccountDirectoryGrain
{
    public async Task RegisterAsync(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (state.State.AccountIds.Add(accountId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.AccountIds.Order(StringComparer.Ordinal)]);
}
