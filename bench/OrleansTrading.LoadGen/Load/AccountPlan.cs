namespace OrleansTrading.LoadGen.Load;

/// <summary>One account of the load and the one symbol it trades.</summary>
public sealed record AccountPlan(string AccountId, string Symbol)
{
    /// <summary><paramref name="count"/> accounts named <c>{prefix}-00000</c>..., account i trading symbol i mod the symbol count.</summary>
    public static IReadOnlyList<AccountPlan> Make(string prefix, int count, IReadOnlyList<string> symbols) =>
        [.. Enumerable.Range(0, count).Select(i => new AccountPlan($"{prefix}-{i:D5}", symbols[i % symbols.Count]))];

    public static IReadOnlyList<string> Symbols(int count) => [.. Enumerable.Range(0, count).Select(i => $"SYM{i:D2}")];
}
