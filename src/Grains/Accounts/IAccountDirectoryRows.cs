namespace OrleansTrading.Grains.Accounts;

/// <summary>The account directory's rows, one per account id ever created (<c>account_directory</c>), in the configured database.</summary>
public interface IAccountDirectoryRows
{
    /// <summary>Adds ids; an id already present is left as it is.</summary>
    Task AddAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default);

    /// <summary>Every id, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);
}
