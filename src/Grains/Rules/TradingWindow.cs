using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Rules;

/// <summary>Exchange session hours: [Start, End) in the exchange's time zone, Monday to Friday.</summary>
public static class TradingWindow
{
    public static bool IsOpen(DateTimeOffset now, TradingWindowOptions window)
    {
        if (!window.Enabled)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone));
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return time >= window.Start && time < window.End;
    }

    public static Denial? Check(DateTimeOffset now, TradingWindowOptions window) =>
        IsOpen(now, window)
            ? null
            : new(RejectionReason.OutsideTradingWindow,
                $"Outside the trading window {window.Start:HH\\:mm}-{window.End:HH\\:mm} {window.TimeZone}, Monday-Friday.");
}
