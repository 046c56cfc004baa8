namespace OrleansTrading.Grains.Rules;

public static class ValidationErrors
{
    /// <summary>Flattens field errors into one message, for exceptions thrown at grain boundaries.</summary>
    public static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(e => e.Value));

    /// <summary>Records "{field} {problem}." when a shared rule reported a problem (a phrase such as "must be greater than 0").</summary>
    public static void Add(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [$"{field} {problem}."];
        }
    }
}
