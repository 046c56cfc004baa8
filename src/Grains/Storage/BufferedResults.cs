namespace OrleansTrading.Grains.Storage;

/// <summary>What a write's statements returned, read to the end on the writer's thread before the shared commit.</summary>
public sealed record BufferedResults(IReadOnlyList<BufferedResultSet> Sets, int RecordsAffected)
{
    public static readonly BufferedResults None = new([], 0);
}

/// <summary>One result set: its column names and rows.</summary>
public sealed record BufferedResultSet(IReadOnlyList<string> Names, IReadOnlyList<Type> Types, IReadOnlyList<object?[]> Rows);
