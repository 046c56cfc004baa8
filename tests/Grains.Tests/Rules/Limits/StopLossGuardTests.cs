using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

public sealed class StopLossGuardTests
{
    private static readonly EffectiveLimits Limits = EffectiveLimits.Resolve(new LimitsOptions(), null); // 4 within 1 h, lock 30 min
    private static readonly DateTimeOffset T0 = EntryCheckBuilder.DefaultNow;

    private static (IReadOnlyList<StopOutRecord> StopOuts, SymbolLock? Lock) RecordAll(params double[] minutes)
    {
        IReadOnlyList<StopOutRecord> stopOuts = [];
        SymbolLock? last = null;
        foreach (var minute in minutes)
        {
            (stopOuts, last) = StopLossGuard.Record(stopOuts, "AAPL", T0.AddMinutes(minute), Limits);
        }

        return (stopOuts, last);
    }

    [Fact]
    public void Three_stop_outs_within_the_window_lock_nothing_and_the_fourth_locks_the_symbol_for_lockFor()
    {
        Assert.Null(RecordAll(0, 10, 20).Lock);

        var (kept, locked) = RecordAll(0, 10, 20, 59);

        Assert.Equal(new SymbolLock("AAPL", T0.AddMinutes(89), 4, TimeSpan.FromHours(1)), locked);
        Assert.Empty(kept); // a lock starts the count afresh
    }

    [Fact]
    public void A_stop_out_exactly_one_window_old_no_longer_counts()
    {
        Assert.Null(RecordAll(0, 10, 20, 60).Lock);
        Assert.NotNull(RecordAll(0, 10, 20, 59.999).Lock);
    }

    [Fact]
    public void Stop_outs_of_other_symbols_do_not_count_and_are_kept()
    {
        IReadOnlyList<StopOutRecord> stopOuts = [new("MSFT", T0), new("MSFT", T0), new("MSFT", T0)];
        var (kept, locked) = StopLossGuard.Record(stopOuts, "AAPL", T0.AddMinutes(1), Limits);
        Assert.Null(locked);
        Assert.Equal(4, kept.Count);
    }

    [Fact]
    public void The_lock_blocks_entries_in_its_symbol_only_and_ends_exactly_at_its_expiry()
    {
        var until = T0.AddMinutes(30);
        var builder = EntryCheckBuilder.Valid().WithSymbolLock("AAPL", until);

        var denial = EntryGuards.Evaluate(builder.Build(), new());
        Assert.Equal(RejectionReason.StopLossGuard, denial?.Reason);
        Assert.Equal("4 stop-outs in AAPL within 1 h reached the stop-loss guard; AAPL locked until 2026-11-04 10:30 America/New_York",
            denial?.Detail);
        Assert.Null(EntryGuards.Evaluate(builder.WithSymbol("MSFT").Build(), new()));

        var expiring = EntryCheckBuilder.Valid().WithSymbolLock("AAPL", until);
        Assert.NotNull(EntryGuards.Evaluate(expiring.At(until.AddTicks(-1)).Build(), new()));
        Assert.Null(EntryGuards.Evaluate(expiring.At(until).Build(), new()));
    }

    [Theory]
    [InlineData(OrderPurpose.StopLoss, -1, true)]
    [InlineData(OrderPurpose.TrailingStop, -0.01, true)]
    [InlineData(OrderPurpose.TrailingStop, 5, false)]
    [InlineData(OrderPurpose.StopLoss, 0, false)]
    [InlineData(OrderPurpose.Signal, -50, false)]
    [InlineData(OrderPurpose.Flatten, -50, false)]
    public void Only_a_position_closed_at_a_loss_by_its_stop_is_a_stop_out(OrderPurpose reason, double pnl, bool expected) =>
        Assert.Equal(expected, StopLossGuard.IsStopOut(reason, (decimal)pnl));
}
