namespace OrleansTrading.Grains.Market;

/// <summary>
/// The stop index kept in the configured database (<c>quote_watches</c>), so a restarted silo watches every open
/// position again from the first quote of its symbol, before any account is re-activated.
/// </summary>
public interface IQuoteWatchStore
{
    /// <summary>Stores the changes of one symbol's watches together: each one added, replaced, or (no watch) dropped.</summary>
    Task ApplyAsync(string symbol, IReadOnlyList<QuoteWatchChange> changes, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<QuoteWatch>> ListAsync(string symbol, CancellationToken cancellationToken = default);
}

/// <summary>An account's watch on a symbol as it now is: <paramref name="Watch"/> null when the account dropped it.</summary>
public sealed record QuoteWatchChange(string AccountId, QuoteWatch? Watch);
