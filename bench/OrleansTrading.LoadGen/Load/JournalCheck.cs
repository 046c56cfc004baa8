namespace OrleansTrading.LoadGen.Load;

/// <summary>How many of the signals the client saw accepted the decisions journal holds as accepted.</summary>
public sealed record JournalVerification(int ClientAccepted, int Found, int Accounts, string? FirstMissing, string? ReadError)
{
    public int Missing => ClientAccepted - Found;

    public bool Passed => Missing == 0 && ReadError is null;

    public override string ToString() => ReadError is not null ? $"read failed: {ReadError}" : $"{Found}/{ClientAccepted}";
}

/// <summary>
/// After a run: every signal the client saw accepted must be in the decisions journal as accepted, read back through
/// the API (GET /api/accounts/{id}/decisions?status=accepted, every page).
/// </summary>
public static class JournalCheck
{
    public static async Task<JournalVerification> VerifyAsync(TradingApiClient api, IReadOnlyCollection<(string AccountId, string SignalId)> accepted, int concurrency = 16)
    {
        var byAccount = accepted.GroupBy(a => a.AccountId, StringComparer.Ordinal).ToList();
        var found = 0;
        string? firstMissing = null;
        string? readError = null;
        await Parallel.ForEachAsync(byAccount, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (group, _) =>
        {
            try
            {
                var journal = await api.DecisionSignalIdsAsync(group.Key, "accepted");
                foreach (var (accountId, signalId) in group)
                {
                    if (journal.Contains(signalId))
                    {
                        Interlocked.Increment(ref found);
                    }
                    else
                    {
                        Interlocked.CompareExchange(ref firstMissing, $"{accountId}/{signalId}", null);
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                Interlocked.CompareExchange(ref readError, $"{group.Key}: {ex.Message}", null);
            }
        });
        return new JournalVerification(accepted.Count, found, byAccount.Count, firstMissing, readError);
    }
}
