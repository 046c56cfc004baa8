using System.Diagnostics;

namespace OrleansTrading.Grains;

/// <summary>
/// System time for Orleans' membership area (<c>TimeProviderNames.Membership</c>), with timestamps counted from this
/// clock's creation instead of from machine boot. Orleans 10.4's silo watchdog starts its platform thread before it
/// stamps the component check, so the first platform check can read the unset stamp (0) and warn "Participant check
/// thread has not completed for &lt;machine uptime&gt;" at every start, recording a false stall in the silo's health
/// history. Counted from here, that unset stamp reads as the moments since membership started, below the
/// watchdog's threshold (twice <c>ClusterMembershipOptions.LocalHealthDegradationMonitoringPeriod</c>, 20 s).
/// Only the origin moves: every interval measured with this clock is the same as with the system clock.
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    // One second in, so no real timestamp is ever 0 (the value Orleans' fields hold before they are first set).
    private readonly long _origin = Stopwatch.GetTimestamp() - Stopwatch.Frequency;

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;

    public override long TimestampFrequency => Stopwatch.Frequency;
}
