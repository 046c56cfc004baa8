using OrleansTrading.Grains.Options;

namespace OrleansTrading.Grains.Rules;

/// <summary>
/// One exchange trading day: it starts at the session open (<c>TradingWindow:Start</c>, 09:30) in the exchange's time
/// zone on a weekday and lasts until the next weekday's open, so a night and a weekend belong to the day before.
/// Daily losses are counted per trading day, and a <c>dailyLossLimit</c> lasts until <see cref="End"/>.
/// </summary>
public readonly record struct TradingDay(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public static TradingDay Containing(DateTimeOffset now, TradingWindowOptions window) =>
        Containing(now, window.Start, TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone));

    public static TradingDay Containing(DateTimeOffset now, TimeOnly open, TimeZoneInfo zone)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var start = IsWeekday(date) ? OpenOn(date, open, zone) : DateTimeOffset.MaxValue;
        if (now < start)
        {
            date = PreviousWeekday(date);
            start = OpenOn(date, open, zone);
        }

        return new(start, OpenOn(NextWeekday(date), open, zone));
    }

    /// <summary>
    /// The instant the session opens on a local date, DST-aware: an opening time the clocks skip that night is moved to
    /// the first minute that exists; one that occurs twice is the first occurrence.
    /// </summary>
    public static DateTimeOffset OpenOn(DateOnly date, TimeOnly open, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(open, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static bool IsWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static DateOnly PreviousWeekday(DateOnly date)
    {
        do
        {
            date = date.AddDays(-1);
        }
        while (!IsWeekday(date));
        return date;
    }

    private static DateOnly NextWeekday(DateOnly date)
    {
        do
        {
            date = date.AddDays(1);
        }
        while (!IsWeekday(date));
        return date;
    }
}
