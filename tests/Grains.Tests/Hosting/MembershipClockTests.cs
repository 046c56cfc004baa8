using System.Diagnostics;

namespace OrleansTrading.Grains.Tests.Hosting;

/// <summary>
/// The membership clock measures intervals like the system clock but counts from its creation, so Orleans' watchdog
/// reading its unset stamp (0) sees seconds, not the machine's uptime.
/// </summary>
public sealed class MembershipClockTests
{
    [Fact]
    public void An_unset_timestamp_reads_as_about_a_second_not_the_machine_uptime()
    {
        var clock = new MembershipClock();

        var sinceUnset = clock.GetElapsedTime(0);

        Assert.InRange(sinceUnset, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.True(clock.GetTimestamp() > 0);
    }

    [Fact]
    public async Task Intervals_are_those_of_the_system_clock()
    {
        var clock = new MembershipClock();
        var start = clock.GetTimestamp();
        var system = Stopwatch.StartNew();

        await Task.Delay(200);

        var measured = clock.GetElapsedTime(start);
        system.Stop();
        Assert.InRange(measured, TimeSpan.FromMilliseconds(190), system.Elapsed + TimeSpan.FromMilliseconds(5));
        Assert.Equal(Stopwatch.Frequency, clock.TimestampFrequency);
        Assert.Equal(TimeProvider.System.GetUtcNow().UtcDateTime, clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
    }
}
