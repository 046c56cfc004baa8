using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

public sealed class DrawdownLimitTests
{
    [Fact]
    public void A_drawdown_of_exactly_the_limit_blocks_entries_and_a_cent_less_does_not()
    {
        Assert.Null(EntryGuards.Evaluate(EntryCheckBuilder.Valid().WithPeak(125_000m, 100_000.01m).Build(), new()));

        var denial = EntryGuards.Evaluate(EntryCheckBuilder.Valid().WithPeak(125_000m, 100_000m).Build(), new());
        Assert.Equal(RejectionReason.MaxDrawdown, denial?.Reason);
        Assert.Equal("drawdown 20 % ≥ 20 % limit; entries blocked until an operator resets the account", denial?.Detail);
    }

    [Fact]
    public void A_halt_holds_after_equity_recovers_until_an_operator_resets_it()
    {
        var denial = EntryGuards.Evaluate(EntryCheckBuilder.Valid().WithDrawdownHalt(21.3m).Build(), new());
        Assert.Equal(RejectionReason.MaxDrawdown, denial?.Reason);
        Assert.Equal("drawdown 21.3 % ≥ 20 % limit; entries blocked until an operator resets the account", denial?.Detail);
    }

    [Fact]
    public void Equity_above_the_recorded_peak_is_the_new_peak()
    {
        Assert.Equal(0m, DrawdownLimit.DrawdownPercent(100_000m, 110_000m));
        Assert.Equal(10m, DrawdownLimit.DrawdownPercent(100_000m, 90_000m));
    }

    [Fact]
    public void A_lower_override_trips_earlier()
    {
        var builder = EntryCheckBuilder.Valid().WithPeak(100_000m, 95_000m).WithLimits(l => l with { MaxDrawdownPercent = 5m });
        Assert.Equal(RejectionReason.MaxDrawdown, EntryGuards.Evaluate(builder.Build(), new())?.Reason);
    }
}
