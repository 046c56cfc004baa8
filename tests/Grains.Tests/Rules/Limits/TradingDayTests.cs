using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

/// <summary>Trading days run from one weekday's 09:30 New York to the next weekday's, whatever the UTC offset of either.</summary>
public sealed class TradingDayTests
{
    private static readonly TradingWindowOptions Window = new();

    private static TradingDay At(int year, int month, int day, int hour, int minute, int second = 0) =>
        TradingDay.Containing(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero), Window);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_weekday_morning_after_the_open_belongs_to_that_day()
    {
        // Wednesday 2026-11-04 10:00 EST.
        var day = At(2026, 11, 4, 15, 0);
        Assert.Equal(Utc(2026, 11, 4, 14, 30), day.Start);
        Assert.Equal(Utc(2026, 11, 5, 14, 30), day.End);
    }

    [Fact]
    public void The_second_before_the_open_belongs_to_the_previous_day_and_the_open_starts_the_next()
    {
        var before = At(2026, 11, 4, 14, 29, 59);
        Assert.Equal(Utc(2026, 11, 3, 14, 30), before.Start);
        Assert.Equal(Utc(2026, 11, 4, 14, 30), before.End);

        var atOpen = At(2026, 11, 4, 14, 30);
        Assert.Equal(Utc(2026, 11, 4, 14, 30), atOpen.Start);
    }

    [Fact]
    public void A_weekend_belongs_to_friday_and_the_day_ends_at_mondays_open()
    {
        var saturday = At(2026, 11, 7, 15, 0);
        Assert.Equal(Utc(2026, 11, 6, 14, 30), saturday.Start);
        Assert.Equal(Utc(2026, 11, 9, 14, 30), saturday.End);
    }

    [Fact]
    public void Across_the_spring_dst_switch_friday_opens_at_14_30_utc_and_monday_at_13_30_utc()
    {
        // DST starts Sunday 2026-03-08 in New York: Friday is EST (UTC-5), Monday EDT (UTC-4).
        var friday = At(2026, 3, 6, 15, 0);
        Assert.Equal(Utc(2026, 3, 6, 14, 30), friday.Start);
        Assert.Equal(Utc(2026, 3, 9, 13, 30), friday.End);

        var sundayOfTheSwitch = At(2026, 3, 8, 12, 0);
        Assert.Equal(friday, sundayOfTheSwitch);

        var mondayOneMinuteBefore = At(2026, 3, 9, 13, 29);
        Assert.Equal(friday, mondayOneMinuteBefore);
        Assert.Equal(Utc(2026, 3, 9, 13, 30), At(2026, 3, 9, 13, 30).Start);
    }

    [Fact]
    public void Across_the_autumn_dst_switch_friday_opens_at_13_30_utc_and_monday_at_14_30_utc()
    {
        // DST ends Sunday 2026-11-01: Friday 2026-10-30 is EDT, Monday 2026-11-02 EST.
        var friday = At(2026, 10, 30, 15, 0);
        Assert.Equal(Utc(2026, 10, 30, 13, 30), friday.Start);
        Assert.Equal(Utc(2026, 11, 2, 14, 30), friday.End);

        // 13:45 UTC on Monday is 08:45 EST: still Friday's day, although it is after Friday's opening hour in UTC.
        Assert.Equal(friday, At(2026, 11, 2, 13, 45));
    }

    [Fact]
    public void An_opening_time_the_clocks_skip_moves_to_the_first_minute_that_exists()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var open = TradingDay.OpenOn(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), zone);
        Assert.Equal(Utc(2026, 3, 8, 7, 0), open.ToUniversalTime()); // 03:00 EDT
    }

    [Fact]
    public void An_opening_time_that_occurs_twice_is_its_first_occurrence()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var open = TradingDay.OpenOn(new DateOnly(2026, 11, 1), new TimeOnly(1, 30), zone);
        Assert.Equal(Utc(2026, 11, 1, 5, 30), open.ToUniversalTime()); // 01:30 EDT, the first one
    }

    [Fact]
    public void Another_exchange_zone_and_opening_time_are_honoured()
    {
        var window = new TradingWindowOptions { TimeZone = "Europe/Berlin", Start = new TimeOnly(9, 0) };
        // Monday 2026-03-30 08:30 UTC = 10:30 CEST (DST began 2026-03-29 in Berlin).
        var day = TradingDay.Containing(Utc(2026, 3, 30, 8, 30), window);
        Assert.Equal(Utc(2026, 3, 30, 7, 0), day.Start);
        Assert.Equal(Utc(2026, 3, 31, 7, 0), day.End);
    }
}
