namespace OrleansTrading.Abstractions.Validation;

/// <summary>
/// The caller sent something the engine refuses to act on (a malformed id, an amount out of bounds, an absurd quote).
/// The only exception the HTTP API answers with 400: any other exception from the engine is the engine's fault.
/// Serializable, so a grain client receives it with its field errors.
/// </summary>
[GenerateSerializer, Alias("trading.InvalidInputException")]
public sealed class InvalidInputException : Exception
{
    public InvalidInputException()
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal))
    {
    }

    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="errors">Field name → problems, each a full sentence.</param>
    public InvalidInputException(IReadOnlyDictionary<string, string[]> errors)
        : base(Describe(errors))
    {
        Errors = errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    public InvalidInputException(string field, string problem)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] })
    {
    }

    /// <summary>Field name → problems; empty when the message is all there is.</summary>
    [Id(0)]
    public Dictionary<string, string[]> Errors { get; private set; } = new(StringComparer.Ordinal);

    private static string Describe(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0 ? "The input is invalid." : string.Join(" ", errors.SelectMany(e => e.Value));
}
