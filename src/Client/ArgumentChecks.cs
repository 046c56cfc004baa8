using System.Globalization;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Client;

/// <summary>
/// Collects every problem in a command's arguments, worded like the HTTP API, so a bad command is refused as a
/// whole before anything is sent to the cluster. Each check returns the value it checked (normalised when useful).
/// The rules themselves are the shared <see cref="InputRules"/> and <see cref="EnumWords"/>, as in the HTTP API.
/// </summary>
public sealed class ArgumentChecks
{
    public const int MaxSignalIdLength = InputLimits.MaxSignalIdLength;
    public const int MaxReasonLength = InputLimits.MaxReasonLength;
    public const int MaxPageLimit = 500;

    private readonly List<string> _problems = [];

    public bool IsValid => _problems.Count == 0;

    public IReadOnlyList<string> Problems => _problems;

    public void Add(string problem) => _problems.Add(problem);

    public string AccountId(string? value)
    {
        if (!InputRules.IsAccountId(value))
        {
            Add($"accountId '{Show(value)}' is not valid: use {InputRules.AccountIdRule}.");
        }

        return value ?? "";
    }

    public string Symbol(string? value, string name = "symbol")
    {
        var symbol = value?.Trim() ?? "";
        if (!InputRules.IsSymbol(symbol))
        {
            Add($"{name} '{Show(value)}' is not valid: use {InputRules.SymbolRule}.");
        }

        return symbol.ToUpperInvariant();
    }

    public decimal Quantity(decimal value, string name) => Amount(value, name, InputRules.QuantityProblem(value));

    public decimal Price(decimal value, string name) => Amount(value, name, InputRules.PriceProblem(value));

    public decimal InitialBalance(decimal value, string name) => Amount(value, name, InputRules.InitialBalanceProblem(value));

    /// <summary>An ask: at least the bid, and a valid price itself.</summary>
    public decimal NotBelow(decimal value, decimal floor, string name, string floorName)
    {
        if (value < floor)
        {
            Add($"{name} must be greater than or equal to {floorName} (got {floorName} {Show(floor)}, {name} {Show(value)}).");
            return value;
        }

        return Price(value, name);
    }

    /// <summary>A quote's size: zero or more, when given.</summary>
    public decimal? Size(decimal? value, string name)
    {
        if (value is { } size)
        {
            Amount(size, name, InputRules.SizeProblem(size));
        }

        return value;
    }

    public decimal? Percent(decimal? value, string name)
    {
        if (value is { } percent)
        {
            Amount(percent, name, InputRules.PercentProblem(percent));
        }

        return value;
    }

    /// <summary>Accepts enum names only, case-insensitive ("buy", "reduceOnly"): no numbers, no "buy,sell" (see <see cref="EnumWords"/>).</summary>
    public T? Choice<T>(string? value, string name)
        where T : struct, Enum
    {
        if (EnumWords.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        var allowed = EnumWords.Describe<T>();
        Add(value is null ? $"{name} is required ({allowed})." : $"{name} '{Show(value)}' is not valid: use {allowed}.");
        return null;
    }

    public string SignalId(string? value)
    {
        if (value is null)
        {
            return Guid.NewGuid().ToString("N");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Add("--signal-id must not be empty.");
        }
        else if (value.Length > MaxSignalIdLength)
        {
            Add($"--signal-id must be at most {MaxSignalIdLength} characters.");
        }
        else if (!InputRules.IsSignalId(value))
        {
            Add($"--signal-id '{Show(value)}' is not valid: use {InputRules.SignalIdRule}.");
        }

        return value;
    }

    public DateTimeOffset Timestamp(string? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return now;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return parsed;
        }

        Add($"--timestamp '{value}' is not an ISO 8601 date-time, e.g. 2025-01-31T14:30:00.250Z.");
        return now;
    }

    public string? Reason(string? value)
    {
        if (InputRules.ReasonProblem(value) is { } problem)
        {
            Add($"--reason {problem}.");
        }

        return value;
    }

    public int Offset(int value)
    {
        if (value < 0)
        {
            Add($"--offset must not be negative (got {value.ToString(CultureInfo.InvariantCulture)}).");
        }

        return value;
    }

    public int Limit(int value)
    {
        if (value is < 1 or > MaxPageLimit)
        {
            Add($"--limit must be between 1 and {MaxPageLimit} (got {value.ToString(CultureInfo.InvariantCulture)}).");
        }

        return value;
    }

    public GatewayAddress? Gateway(string? value)
    {
        if (GatewayAddress.TryParse(value, out var gateway, out var problem))
        {
            return gateway;
        }

        Add(problem);
        return null;
    }

    public string NotBlank(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add($"{name} must not be empty.");
        }

        return value?.Trim() ?? "";
    }

    private decimal Amount(decimal value, string name, string? problem)
    {
        if (problem is not null)
        {
            Add($"{name} {problem} (got {Show(value)}).");
        }

        return value;
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A refused value echoed back, with control characters made visible so it cannot garble the terminal.</summary>
    private static string? Show(string? value) => LogText.Escape(value);
}
