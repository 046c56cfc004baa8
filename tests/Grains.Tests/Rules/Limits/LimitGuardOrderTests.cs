using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules.Limits;

/// <summary>The limits sit after maxOpenPositions and before the market filters, in the order the issue lists them.</summary>
public sealed class LimitGuardOrderTests
{
    private static readonly RejectionReason[] Sequence =
    [
        RejectionReason.OrderTooLarge, RejectionReason.RateLimited, RejectionReason.DailyLossLimit, RejectionReason.MaxDrawdown,
        RejectionReason.StopLossGuard, RejectionReason.PortfolioExposure,
    ];

    /// <summary>A request failing the limit <paramref name="first"/>, every later limit, and every market filter.</summary>
    private static EntryCheckBuilder FailingFrom(RejectionReason first)
    {
        var builder = EntryCheckBuilder.Valid().WithWideSpread().WithQuoteAge(TimeSpan.FromMinutes(1)).WithBalance(0m);
        foreach (var reason in Sequence.SkipWhile(r => r != first))
        {
            builder = reason switch
            {
                RejectionReason.OrderTooLarge => builder.WithLimits(l => l with { MaxQuantityPerOrder = 1m }),
                RejectionReason.RateLimited => builder.WithSignalsBefore(6_000),
                RejectionReason.DailyLossLimit => builder.WithDayEquity(100_000m, 90_000m),
                RejectionReason.MaxDrawdown => builder.WithDrawdownHalt(30m),
                RejectionReason.StopLossGuard => builder.WithSymbolLock(EntryCheckBuilder.DefaultSymbol, DateTimeOffset.MaxValue),
                _ => builder.WithExposure(1_000_000m, 5_000_000m),
            };
        }

        return builder;
    }

    private static RejectionReason? Reason(EntryCheckBuilder builder) => EntryGuards.Evaluate(builder.Build(), new())?.Reason;

    [Fact]
    public void Max_open_positions_comes_before_every_limit() =>
        Assert.Equal(RejectionReason.MaxOpenPositions,
            Reason(FailingFrom(RejectionReason.OrderTooLarge).WithPosition().WithPosition().WithPosition()));

    [Theory]
    [InlineData(RejectionReason.OrderTooLarge)]
    [InlineData(RejectionReason.RateLimited)]
    [InlineData(RejectionReason.DailyLossLimit)]
    [InlineData(RejectionReason.MaxDrawdown)]
    [InlineData(RejectionReason.StopLossGuard)]
    [InlineData(RejectionReason.PortfolioExposure)]
    public void Each_limit_is_reported_before_every_later_limit_and_the_market_filters(RejectionReason first) =>
        Assert.Equal(first, Reason(FailingFrom(first)));

    [Fact]
    public void Without_a_quote_there_is_no_notional_to_judge_and_noQuote_follows()
    {
        var builder = EntryCheckBuilder.Valid().WithExposure(1_000_000m, 5_000_000m).WithoutQuote();
        Assert.Equal(RejectionReason.NoQuote, Reason(builder));
    }

    [Fact]
    public void A_request_within_every_limit_still_meets_the_market_filters() =>
        Assert.Equal(RejectionReason.SpreadTooWide, Reason(EntryCheckBuilder.Valid().WithExposure(0m, 0m).WithWideSpread()));
}
