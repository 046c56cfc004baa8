namespace OrleansTrading.Abstractions;

/// <summary>The list of every virtual account id, so accounts can be enumerated. Use <see cref="AccountDirectoryKey.Global"/> as key.</summary>
[Alias("trading.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    [Alias("RegisterAsync")]
    Task RegisterAsync(string accountId);

    [ReadOnly, Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();
}

public static class AccountDirectoryKey
{
    /// <summary>There is exactly one account directory per cluster.</summary>
    public const string Global = "global";
}
