using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansTrading.Client;

/// <summary>
/// Collects every problem in a command's arguments, worded like the HTTP API, so a bad command is refused as a
/// whole before anything is sent to the cluster. Each check returns the value it checked (normalised when useful).
/// </summary>
public sealed partial class ArgumentChecks
{
    public const int MaxSignalIdLength = 128;
    public const int MaxReasonLength = 500;
    public const int MaxPageLimit = 500;

    private readonly List<string> _problems = [];

    public bool IsValid => _problems.Count == 0;

    public IReadOnlyList<string> Problems => _problems;

    public void Add(string problem) => _problems.Add(problem);

    public string AccountId(string? value)
    {
        if (value is null || !AccountIdPattern().IsMatch(value))
        {
            Add($"accountId '{value}' is not valid: use 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        return value ?? "";
    }

    public string Symbol(string? value, string name = "symbol")
    {
        var symbol = value?.Trim() ?? "";
        if (!SymbolPattern().IsMatch(symbol))
        {
            Add($"{name} '{value}' is not valid: use 1-16 characters of letters, digits, '.', '-' or '_'.");
        }

        return symbol.ToUpperInvariant();
    }

    public decimal Positive(decimal value, string name)
    {
        if (value <= 0)
        {
            Add($"{name} must be greater than 0 (got {Show(value)}).");
        }

        return value;
    }

    public decimal NotBelow(decimal value, decimal floor, string name, string floorName)
    {
        if (value < floor)
        {
            Add($"{name} must be greater than or equal to {floorName} (got {floorName} {Show(floor)}, {name} {Show(value)}).");
        }

        return value;
    }

    public decimal? NotNegative(decimal? value, string name)
    {
        if (value is < 0)
        {
            Add($"{name} must not be negative (got {Show(value.Value)}).");
        }

        return value;
    }

    public decimal? Percent(decimal? value, string name)
    {
        if (value is { } percent && percent is <= 0 or >= 100)
        {
            Add($"{name} must be greater than 0 and less than 100 (got {Show(percent)}).");
        }

        return value;
    }

    /// <summary>Accepts enum names only, case-insensitive ("buy", "reduceOnly"), never numbers: scripts must say what they mean.</summary>
    public T? Choice<T>(string? value, string name, string allowed)
        where T : struct, Enum
    {
        var text = value?.Trim();
        if (!string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] != '-' && text[0] != '+' &&
            Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        Add(value is null ? $"{name} is required ({allowed})." : $"{name} '{value}' is not valid: use {allowed}.");
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
        if (value is { Length: > MaxReasonLength })
        {
            Add($"--reason must be at most {MaxReasonLength} characters.");
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

    public void WriteTo(TextWriter error)
    {
        foreach (var problem in _problems)
        {
            error.WriteLine(problem);
        }
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,16}$")]
    private static partial Regex SymbolPattern();
}
