using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Portfolio;

/// <summary>One account's figures for the portfolio: its trading day and starting equity, equity, balance and realized PnL.</summary>
[GenerateSerializer, Immutable, Alias("trading.AccountDayFigures")]
public sealed record AccountDayFigures(
    [property: Id(0)] string AccountId,
    [property: Id(1)] DateTimeOffset TradingDayStart,
    [property: Id(2)] decimal DayStartEquity,
    [property: Id(3)] decimal Equity,
    [property: Id(4)] decimal Balance,
    [property: Id(5)] decimal RealizedPnl)
{
    public AccountDay Day => new(TradingDayStart, DayStartEquity, Equity);
}
