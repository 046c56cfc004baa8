using System.Globalization;
using System.Text;

namespace OrleansTrading.Abstractions.Validation;

/// <summary>
/// Makes caller-supplied text safe for a log line: control characters become <c>\uXXXX</c>, so a newline in a
/// value cannot forge a second log entry. Validated ids need no escaping; free text (a reason, a refused value) does.
/// </summary>
public static class LogText
{
    public static string? Escape(string? value)
    {
        if (value is null || !value.Any(IsUnsafe))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (IsUnsafe(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    // Format characters include the bidi overrides that can make a log line read backwards.
    private static bool IsUnsafe(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
