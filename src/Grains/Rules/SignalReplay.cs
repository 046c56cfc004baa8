using OrleansTrading.Abstractions;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// What a re-sent signal id means. The same content is a retry, answered with the first decision; different
/// content under a known id is a client bug (two signals sharing a key), refused without trading.
/// </summary>
public static class SignalReplay
{
    /// <summary>The names of the signal fields that differ from the first signal sent under this id; empty for a true retry.</summary>
    public static IReadOnlyList<string> DifferingFields(DecisionRecord first, TradeSignal signal)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(signal);
        if (!first.HasSignalContent)
        {
            // Decided before the decisions journal existed: only the answer was kept, so there is nothing to compare.
            return [];
        }

        var fields = new List<string>(4);
        if (!string.Equals(GrainKeys.Symbol(first.Symbol), GrainKeys.Symbol(signal.Symbol), StringComparison.Ordinal))
        {
            fields.Add("symbol");
        }

        if (first.Side != signal.Side)
        {
            fields.Add("side");
        }

        if (first.Quantity != signal.Quantity)
        {
            fields.Add("quantity");
        }

        if (first.Action != signal.Action)
        {
            fields.Add("action");
        }

        return fields;
    }
}
