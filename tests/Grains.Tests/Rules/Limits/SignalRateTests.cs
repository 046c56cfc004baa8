using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

public sealed class SignalRateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 4, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_limit_th_signal_passes_and_the_next_is_rateLimited()
    {
        Assert.Null(SignalRate.Check(signalsBefore: 2, maxPerMinute: 3));
        var denial = SignalRate.Check(signalsBefore: 3, maxPerMinute: 3);
        Assert.Equal(RejectionReason.RateLimited, denial?.Reason);
        Assert.Equal("signal 4 within a minute > 3 limit (MaxSignalsPerMinute); exits are never rate-limited.", denial?.Detail);
    }

    [Fact]
    public void A_signal_counts_for_exactly_one_minute_and_not_a_tick_longer()
    {
        var window = new SignalWindow();
        Assert.Equal(0, window.CountAndAdd(T0, keepAtMost: 10));
        Assert.Equal(1, window.CountAndAdd(T0.AddSeconds(30), 10));

        Assert.Equal(2, window.CountAt(T0.AddMinutes(1).AddTicks(-1)));
        Assert.Equal(1, window.CountAt(T0.AddMinutes(1)));          // the first is exactly a minute old: out
        Assert.Equal(0, window.CountAt(T0.AddSeconds(90)));
    }

    [Fact]
    public void The_window_slides_signal_by_signal()
    {
        var window = new SignalWindow();
        var before = new List<int>();
        foreach (var second in new[] { 0, 20, 40, 59, 60, 61, 79 })
        {
            before.Add(window.CountAndAdd(T0.AddSeconds(second), keepAtMost: 100));
        }

        // At 60 s the signal at 0 s has left; at 61 s still 20, 40, 59, 60; at 79 s the one at 20 s is still in (59 s old).
        Assert.Equal([0, 1, 2, 3, 3, 4, 5], before);
    }

    [Fact]
    public void Refused_signals_count_too_so_a_burst_stays_refused_until_it_pauses()
    {
        const int max = 2;
        var window = new SignalWindow();
        var verdicts = new List<bool>();
        foreach (var second in new[] { 0, 1, 2, 30, 61, 62 })
        {
            verdicts.Add(SignalRate.Check(window.CountAndAdd(T0.AddSeconds(second), max), max) is null);
        }

        // 0 and 1 pass; 2 and 30 are refused (and counted); at 61 s the window holds 2 and 30; at 62 s still 30 and 61.
        Assert.Equal([true, true, false, false, false, false], verdicts);
        Assert.True(SignalRate.Check(window.CountAndAdd(T0.AddSeconds(122), max), max) is null);
    }

    [Fact]
    public void Keeping_only_the_limit_s_worth_of_signals_never_changes_a_verdict()
    {
        var bounded = new SignalWindow();
        var unbounded = new SignalWindow();
        var random = new Random(7);
        var now = T0;
        for (var i = 0; i < 2_000; i++)
        {
            now = now.AddMilliseconds(random.Next(0, 200));
            var a = bounded.CountAndAdd(now, keepAtMost: 25);
            var b = unbounded.CountAndAdd(now, keepAtMost: int.MaxValue);
            Assert.Equal(SignalRate.Check(b, 25) is null, SignalRate.Check(a, 25) is null);
        }
    }
}
