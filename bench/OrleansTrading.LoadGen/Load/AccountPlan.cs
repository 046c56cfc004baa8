namespace OrleansTrading.LoadGen.Load;

/// <summary>One account of the load and the one symbol it trades.</summary>
public sealed record AccountPlan(string AccountId, string Symbol)
{
    /// <summary><paramref name="count"/> accounts named <c>{prefix}-00000</c>..., account i trading symbol i mod the symbol count.</summary>
    public static IReadOnlyList<AccountPlan> Make(string prefix, int count, IReadOnlyList<string> symbols) =>
        [.. Enumerable.Range(0, count).Select(i => new AccountPlan($"{prefix}-{i:D5}", symbols[i % symbols.Count]))];

    public static IReadOnlyList<string> Symbols(int count) => [.. Enumerable.Range(0, count).Select(i => $"SYM{i:D2}")];
}

/// <summary>
/// Which signal an account sends next: open after a rejected open, close after an accepted (or failed, so possibly
/// executed) open, open after a close. So accounts end flat and a close is never sent with nothing to reduce.
/// </summary>
public sealed class AccountCursor(AccountPlan plan)
{
    private int _sequence;
    private bool _holding;

    public AccountPlan Plan => plan;

    public LoadSignal Next() => new(plan.AccountId, $"{plan.AccountId}-{_sequence++}", plan.Symbol, Open: !_holding);

    public void Answered(LoadSignal signal, SignalOutcome outcome) =>
        _holding = signal.Open && outcome.Kind != OutcomeKind.Rejected;
}
