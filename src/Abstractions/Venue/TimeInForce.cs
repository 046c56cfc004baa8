namespace OrleansTrading.Abstractions.Venue;

[GenerateSerializer, Alias("trading.TimeInForce")]
public enum TimeInForce
{
    /// <summary>Immediate-or-cancel: fill what is available now, cancel the rest (entries).</summary>
    ImmediateOrCancel = 0,

    /// <summary>Keep working until filled or cancelled (exits and stop-losses, until the position is flat).</summary>
    GoodTillCancelled = 1,
}
