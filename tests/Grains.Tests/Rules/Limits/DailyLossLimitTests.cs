using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

public sealed class DailyLossLimitTests
{
    /// <summary>Tuesday 2026-12-01 11:00 New York (EST).</summary>
    private static readonly DateTimeOffset Tuesday = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    private static EntryCheckBuilder Valid() => EntryCheckBuilder.Valid().At(Tuesday);

    [Fact]
    public void A_loss_of_exactly_the_limit_blocks_entries_and_a_cent_less_does_not()
    {
        Assert.Null(EntryGuards.Evaluate(Valid().WithDayEquity(100_000m, 95_000.01m).Build(), new()));
        var denial = EntryGuards.Evaluate(Valid().WithDayEquity(100_000m, 95_000m).Build(), new());
        Assert.Equal(RejectionReason.DailyLossLimit, denial?.Reason);
    }

    [Fact]
    public void The_refusal_names_the_loss_the_limit_and_the_next_trading_day_in_exchange_time()
    {
        var denial = EntryGuards.Evaluate(Valid().WithDayEquity(100_000m, 94_800m).Build(), new());
        Assert.Equal("daily loss 5.2 % ≥ 5 % limit; entries blocked until 2026-12-02 09:30 America/New_York", denial?.Detail);
    }

    [Fact]
    public void A_lock_holds_after_equity_recovers_until_the_next_trading_day_starts()
    {
        var nextOpen = new DateTimeOffset(2026, 12, 2, 14, 30, 0, TimeSpan.Zero);
        var locked = Valid().WithDayEquity(100_000m, 100_500m).WithDailyLossLock(nextOpen, 5.2m);

        var denial = EntryGuards.Evaluate(locked.Build(), new());
        Assert.Equal(RejectionReason.DailyLossLimit, denial?.Reason);
        Assert.Equal("daily loss 5.2 % ≥ 5 % limit; entries blocked until 2026-12-02 09:30 America/New_York", denial?.Detail);

        Assert.NotNull(EntryGuards.Evaluate(locked.At(nextOpen.AddTicks(-1)).Build(), new()));
        Assert.Null(EntryGuards.Evaluate(locked.At(nextOpen).Build(), new()));
    }

    [Fact]
    public void Reaching_the_limit_on_a_friday_blocks_until_mondays_open_across_the_dst_switch()
    {
        // Friday 2026-03-06 11:00 EST; DST starts on Sunday, so Monday's 09:30 is 13:30 UTC.
        var friday = new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.Zero);
        var risk = Valid().At(friday).WithDayEquity(100_000m, 94_000m).Build().Risk;

        var lockStarted = DailyLossLimit.LockIfReached(risk);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 30, 0, TimeSpan.Zero), lockStarted?.Until);
        Assert.Equal(6m, lockStarted?.LossPercent);
        Assert.Equal("daily loss 6 % ≥ 5 % limit; entries blocked until 2026-03-09 09:30 America/New_York",
            DailyLossLimit.Check(risk, friday)?.Detail);
    }

    [Fact]
    public void A_gain_is_no_loss_and_no_starting_equity_means_no_loss()
    {
        Assert.Equal(0m, DailyLossLimit.LossPercent(100_000m, 120_000m));
        Assert.Equal(0m, DailyLossLimit.LossPercent(0m, -5m));
        Assert.Equal(2.5m, DailyLossLimit.LossPercent(1_000m, 975m));
    }

    [Fact]
    public void An_override_of_the_percent_is_honoured()
    {
        var builder = Valid().WithDayEquity(100_000m, 98_000m).WithLimits(l => l with { DailyLossPercent = 2m });
        Assert.Equal(RejectionReason.DailyLossLimit, EntryGuards.Evaluate(builder.Build(), new())?.Reason);
    }
}
