using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class TradingWindowTests
{
    private static readonly TradingWindowOptions Default = new();

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    private static DateTimeOffset NewYork(int year, int month, int day, int hour, int minute, int second = 0)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    [Fact]
    public void Defaults_are_0930_to_1600_New_York_enabled()
    {
        Assert.True(Default.Enabled);
        Assert.Equal(new TimeOnly(9, 30), Default.Start);
        Assert.Equal(new TimeOnly(16, 0), Default.End);
        Assert.Equal("America/New_York", Default.TimeZone);
    }

    // ---- boundaries of [Start, End) on a winter Wednesday (EST, UTC-5) ----------------------

    [Fact]
    public void Window_is_open_at_0930_exactly()
    {
        Assert.True(TradingWindow.IsOpen(Utc(2026, 11, 4, 14, 30), Default));
    }

    [Fact]
    public void Window_is_closed_at_092959()
    {
        Assert.False(TradingWindow.IsOpen(Utc(2026, 11, 4, 14, 29, 59), Default));
    }

    [Fact]
    public void Window_is_closed_one_tick_before_the_open()
    {
        Assert.False(TradingWindow.IsOpen(Utc(2026, 11, 4, 14, 30).AddTicks(-1), Default));
    }

    [Fact]
    public void Window_is_open_at_155959()
    {
        Assert.True(TradingWindow.IsOpen(Utc(2026, 11, 4, 20, 59, 59), Default));
    }

    [Fact]
    public void Window_is_open_one_tick_before_the_close()
    {
        Assert.True(TradingWindow.IsOpen(Utc(2026, 11, 4, 21, 0).AddTicks(-1), Default));
    }

    [Fact]
    public void Window_is_closed_at_1600_exactly()
    {
        Assert.False(TradingWindow.IsOpen(Utc(2026, 11, 4, 21, 0), Default));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(8, 0, false)]
    [InlineData(12, 0, true)]
    [InlineData(16, 30, false)]
    [InlineData(23, 59, false)]
    public void Window_state_across_a_New_York_trading_day(int hour, int minute, bool expectedOpen)
    {
        Assert.Equal(expectedOpen, TradingWindow.IsOpen(NewYork(2026, 11, 4, hour, minute), Default));
    }

    [Fact]
    public void Wall_clock_boundaries_hold_when_now_carries_a_New_York_offset()
    {
        Assert.True(TradingWindow.IsOpen(NewYork(2026, 11, 4, 9, 30), Default));
        Assert.False(TradingWindow.IsOpen(NewYork(2026, 11, 4, 9, 29, 59), Default));
        Assert.True(TradingWindow.IsOpen(NewYork(2026, 11, 4, 15, 59, 59), Default));
        Assert.False(TradingWindow.IsOpen(NewYork(2026, 11, 4, 16, 0), Default));
    }

    // ---- weekdays ---------------------------------------------------------------------------

    [Theory]
    [InlineData(2)] // Monday 2026-11-02
    [InlineData(3)] // Tuesday
    [InlineData(4)] // Wednesday
    [InlineData(5)] // Thursday
    [InlineData(6)] // Friday 2026-11-06
    public void Window_is_open_mid_session_Monday_to_Friday(int day)
    {
        Assert.True(TradingWindow.IsOpen(NewYork(2026, 11, day, 11, 0), Default));
    }

    [Fact]
    public void Window_is_closed_on_Saturday_mid_session()
    {
        var saturday = NewYork(2026, 11, 7, 11, 0);
        Assert.Equal(DayOfWeek.Saturday, saturday.DayOfWeek);
        Assert.False(TradingWindow.IsOpen(saturday, Default));
    }

    [Fact]
    public void Window_is_closed_on_Sunday_mid_session()
    {
        var sunday = NewYork(2026, 11, 8, 11, 0);
        Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);
        Assert.False(TradingWindow.IsOpen(sunday, Default));
    }

    [Fact]
    public void Weekday_is_taken_in_the_configured_zone_not_in_UTC()
    {
        // Monday 08:00 Tokyo is Sunday 23:00 UTC: open, although it is still Sunday in UTC.
        var tokyo = new TradingWindowOptions { TimeZone = "Asia/Tokyo", Start = new(7, 0), End = new(15, 0) };
        Assert.True(TradingWindow.IsOpen(Utc(2026, 11, 8, 23, 0), tokyo));

        // Saturday 08:00 Tokyo is Friday 23:00 UTC: closed, although it is a Friday in UTC.
        Assert.False(TradingWindow.IsOpen(Utc(2026, 11, 6, 23, 0), tokyo));
    }

    // ---- disabled ---------------------------------------------------------------------------

    [Fact]
    public void Disabled_window_is_always_open()
    {
        var disabled = new TradingWindowOptions { Enabled = false };

        Assert.True(TradingWindow.IsOpen(NewYork(2026, 11, 7, 11, 0), disabled)); // Saturday
        Assert.True(TradingWindow.IsOpen(NewYork(2026, 11, 4, 3, 0), disabled)); // 03:00 Wednesday
        Assert.True(TradingWindow.IsOpen(NewYork(2026, 11, 4, 16, 0), disabled)); // at the close
        Assert.Null(TradingWindow.Check(NewYork(2026, 11, 8, 20, 0), disabled)); // Sunday evening
    }

    // ---- custom configuration ---------------------------------------------------------------

    [Fact]
    public void Custom_zone_and_hours_are_honoured()
    {
        var london = new TradingWindowOptions { TimeZone = "Europe/London", Start = new(8, 0), End = new(16, 30) };

        // Wednesday 2026-07-15, BST (UTC+1).
        Assert.True(TradingWindow.IsOpen(Utc(2026, 7, 15, 7, 0), london));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 7, 15, 6, 59, 59), london));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 7, 15, 15, 29, 59), london));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 7, 15, 15, 30), london));
    }

    // ---- daylight saving time ---------------------------------------------------------------

    [Fact]
    public void Summer_open_is_1330_UTC()
    {
        // 2026-07-15 is a Wednesday in EDT (UTC-4).
        Assert.True(TradingWindow.IsOpen(Utc(2026, 7, 15, 13, 30), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 7, 15, 13, 29, 59), Default));
    }

    [Fact]
    public void Summer_close_is_2000_UTC()
    {
        Assert.True(TradingWindow.IsOpen(Utc(2026, 7, 15, 19, 59, 59), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 7, 15, 20, 0), Default));
    }

    [Fact]
    public void Winter_open_is_1430_UTC()
    {
        // 2026-12-02 is a Wednesday in EST (UTC-5): 13:30 UTC is only 08:30 in New York.
        Assert.True(TradingWindow.IsOpen(Utc(2026, 12, 2, 14, 30), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 12, 2, 14, 29, 59), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 12, 2, 13, 30), Default));
    }

    [Fact]
    public void Winter_close_is_2100_UTC()
    {
        // In summer 20:30 UTC is after the close; in winter it is 15:30 in New York.
        Assert.False(TradingWindow.IsOpen(Utc(2026, 7, 15, 20, 30), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 12, 2, 20, 30), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 12, 2, 21, 0), Default));
    }

    [Fact]
    public void Friday_before_the_March_switch_opens_at_1430_UTC()
    {
        // Friday 2026-03-06 is still EST.
        Assert.False(TradingWindow.IsOpen(Utc(2026, 3, 6, 13, 30), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 3, 6, 14, 29, 59), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 3, 6, 14, 30), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 3, 6, 20, 59, 59), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 3, 6, 21, 0), Default));
    }

    [Fact]
    public void Monday_after_the_March_switch_opens_at_1330_UTC()
    {
        // Clocks went forward on Sunday 2026-03-08; Monday 2026-03-09 is EDT.
        Assert.False(TradingWindow.IsOpen(Utc(2026, 3, 9, 13, 29, 59), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 3, 9, 13, 30), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 3, 9, 19, 59, 59), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 3, 9, 20, 0), Default));
    }

    [Fact]
    public void Friday_before_the_November_switch_opens_at_1330_UTC()
    {
        // Friday 2026-10-30 is still EDT.
        Assert.False(TradingWindow.IsOpen(Utc(2026, 10, 30, 13, 29, 59), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 10, 30, 13, 30), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 10, 30, 19, 59, 59), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 10, 30, 20, 0), Default));
    }

    [Fact]
    public void Monday_after_the_November_switch_opens_at_1430_UTC()
    {
        // Clocks went back on Sunday 2026-11-01; Monday 2026-11-02 is EST.
        Assert.False(TradingWindow.IsOpen(Utc(2026, 11, 2, 13, 30), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 11, 2, 14, 29, 59), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 11, 2, 14, 30), Default));
        Assert.True(TradingWindow.IsOpen(Utc(2026, 11, 2, 20, 59, 59), Default));
        Assert.False(TradingWindow.IsOpen(Utc(2026, 11, 2, 21, 0), Default));
    }

    [Theory]
    [InlineData(2026, 3, 8)]
    [InlineData(2026, 11, 1)]
    public void Switch_Sundays_are_closed(int year, int month, int day)
    {
        Assert.False(TradingWindow.IsOpen(NewYork(year, month, day, 11, 0), Default));
    }

    // ---- Check ------------------------------------------------------------------------------

    [Fact]
    public void Check_returns_null_inside_the_window()
    {
        Assert.Null(TradingWindow.Check(EntryCheckBuilder.DefaultNow, Default));
    }

    [Fact]
    public void Check_returns_outsideTradingWindow_outside_the_window()
    {
        var denial = TradingWindow.Check(Utc(2026, 11, 4, 21, 0), Default);

        Assert.NotNull(denial);
        Assert.Equal(RejectionReason.OutsideTradingWindow, denial.Reason);
        Assert.Contains("America/New_York", denial.Detail, StringComparison.Ordinal);
    }
}
