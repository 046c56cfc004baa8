using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

public class QuoteEdgeChecksTests
{
    private static readonly DateTimeOffset Now = EntryCheckBuilder.DefaultNow;
    private static readonly QuoteOptions Options = new();
    private static readonly Quote Previous = new("AAPL", 100.00m, 100.05m, Now.AddSeconds(-1));

    private static Quote At(decimal bid, decimal ask, DateTimeOffset? timestamp = null) => new("AAPL", bid, ask, timestamp ?? Now);

    [Fact]
    public void A_fresh_quote_near_the_previous_one_passes()
    {
        Assert.Empty(QuoteEdgeChecks.Validate(At(101m, 101.05m), Previous, Now, Options));
        Assert.Empty(QuoteEdgeChecks.Validate(At(101m, 101.05m), previous: null, Now, Options));
    }

    [Fact]
    public void A_quote_dated_beyond_the_future_tolerance_is_refused_on_its_timestamp()
    {
        Assert.Empty(QuoteEdgeChecks.Validate(At(100m, 100.05m, Now.AddSeconds(5)), null, Now, Options));

        var errors = QuoteEdgeChecks.Validate(At(100m, 100.05m, Now.AddSeconds(5.001)), null, Now, Options);

        Assert.Equal(["timestamp"], errors.Keys);
        Assert.Contains("ahead of the engine's clock", errors["timestamp"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(9999)]
    public void Quotes_dated_far_away_are_refused(int year)
    {
        var errors = QuoteEdgeChecks.Validate(At(100m, 100.05m, new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero)), null, Now, Options);

        Assert.Equal(["timestamp"], errors.Keys);
    }

    [Fact]
    public void A_quote_older_than_the_publication_age_is_a_replay_but_a_merely_stale_one_passes()
    {
        Assert.Empty(QuoteEdgeChecks.Validate(At(100m, 100.05m, Now.AddSeconds(-60)), null, Now, Options));

        var errors = QuoteEdgeChecks.Validate(At(100m, 100.05m, Now.AddSeconds(-60.001)), null, Now, Options);

        Assert.Contains("replay", Assert.Single(errors["timestamp"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prices_above_the_configured_maximum_are_refused_naming_the_side()
    {
        var errors = QuoteEdgeChecks.Validate(At(100m, 1_000_000_000m), null, Now, Options);

        Assert.Equal(["ask"], errors.Keys);
        Assert.Contains("Trading:Quotes:MaxPrice", errors["ask"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_jump_beyond_the_limit_from_a_recent_previous_quote_is_refused()
    {
        Assert.Empty(QuoteEdgeChecks.Validate(At(150m, 150.05m), Previous, Now, Options));

        var errors = QuoteEdgeChecks.Validate(At(100m, 1_000_000m), Previous, Now, Options);

        Assert.Equal(["ask"], errors.Keys);
        Assert.Contains("Trading:Quotes:MaxJumpPercent", errors["ask"][0], StringComparison.Ordinal);
        Assert.Equal(["bid"], QuoteEdgeChecks.Validate(At(49m, 100.05m), Previous, Now, Options).Keys);
    }

    [Fact]
    public void A_previous_quote_older_than_the_publication_age_is_no_reference_for_the_jump()
    {
        var old = Previous with { Timestamp = Now.AddMinutes(-2) };

        Assert.Empty(QuoteEdgeChecks.Validate(At(300m, 300.05m), old, Now, Options));
    }

    [Fact]
    public void A_zero_jump_limit_turns_the_jump_check_off()
    {
        var off = new QuoteOptions { MaxJumpPercent = 0m };

        Assert.Empty(QuoteEdgeChecks.Validate(At(1_000m, 1_000.05m), Previous, Now, off));
    }

    [Fact]
    public void A_quote_observed_before_the_latest_is_out_of_order_an_equal_timestamp_is_not()
    {
        Assert.True(QuoteEdgeChecks.IsOutOfOrder(At(100m, 100.05m, Previous.Timestamp.AddTicks(-1)), Previous));
        Assert.False(QuoteEdgeChecks.IsOutOfOrder(At(100m, 100.05m, Previous.Timestamp), Previous));
        Assert.False(QuoteEdgeChecks.IsOutOfOrder(At(100m, 100.05m), null));
    }
}
