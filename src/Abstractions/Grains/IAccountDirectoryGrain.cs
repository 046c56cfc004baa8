namespace OrleansTrading.Abstractions;

/// <summary>The list of every virtual account id, so accounts can be enumerated. Use <see cref="KillSwitchKey.Global"/> as key.</summary>
[Alias("trading.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    [Alias("RegisterAsync")]
    Task RegisterAsync(string accountId);

    [ReadOnly, Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();
}
