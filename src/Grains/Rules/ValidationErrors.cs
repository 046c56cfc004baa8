namespace OrleansTrading.Grains.Rules;

public static class ValidationErrors
{
    /// <summary>Flattens field errors into one message, for exceptions thrown at grain boundaries.</summary>
    public static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(e => e.Value));
}
