using Microsoft.Extensions.Time.Testing;
using OrleansTrading.Dashboard.Operators;

namespace OrleansTrading.Dashboard.Tests;

public sealed class OperatorTests
{
    [Theory]
    [InlineData("http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080")]
    public void Without_a_password_loopback_addresses_are_fine(string urls) =>
        Assert.Null(ListeningGuard.Check(urls, requiresSignIn: false));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://localhost:5080;http://192.0.2.10:5080")]
    public void Without_a_password_an_address_beyond_loopback_is_refused_naming_the_setting(string urls) =>
        Assert.Contains("Dashboard:OperatorPassword", ListeningGuard.Check(urls, requiresSignIn: false), StringComparison.Ordinal);

    [Fact]
    public void With_a_password_any_address_is_allowed() =>
        Assert.Null(ListeningGuard.Check("http://0.0.0.0:5080", requiresSignIn: true));

    [Fact]
    public void An_address_is_locked_out_after_repeated_failures_until_the_lockout_ends()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 15, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure("10.0.0.1", maxFailures: 5, TimeSpan.FromMinutes(15));
        }

        Assert.False(throttle.IsLockedOut("10.0.0.1"));
        throttle.RecordFailure("10.0.0.1", maxFailures: 5, TimeSpan.FromMinutes(15));
        Assert.True(throttle.IsLockedOut("10.0.0.1"));
        Assert.False(throttle.IsLockedOut("10.0.0.2"));

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.False(throttle.IsLockedOut("10.0.0.1"));
    }
}
