using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Options;
using OrleansTrading.Grains.Rules;

namespace OrleansTrading.Grains.Tests.Rules;

/// <summary>
/// Builds an <see cref="EntryCheck"/> that passes every entry guard under default <see cref="TradingOptions"/>,
/// so a test changes only what it is about: a fresh 100.00/100.05 quote stamped at "now", an active kill-switch,
/// no cooldown, no open positions, a balance of 100,000 and a "now" of Wednesday 2026-11-04 15:00 UTC (10:00 New York).
/// </summary>
public sealed class EntryCheckBuilder
{
    /// <summary>Wednesday 4 November 2026, 15:00 UTC = 10:00 America/New_York (EST, after the DST switch).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 4, 15, 0, 0, TimeSpan.Zero);

    public const string DefaultSymbol = "AAPL";
    public const decimal DefaultBid = 100.00m;
    public const decimal DefaultAsk = 100.05m;
    public const decimal DefaultBalance = 100_000m;
    public const decimal DefaultQuantity = 10m;

    private string _symbol = DefaultSymbol;
    private OrderSide _side = OrderSide.Buy;
    private decimal _quantity = DefaultQuantity;
    private decimal _balance = DefaultBalance;
    private DateTimeOffset? _cooldownUntil;
    private readonly List<OpenPosition> _positions = [];
    private KillSwitchState _killSwitch = KillSwitchState.Active;
    private DateTimeOffset _now = DefaultNow;
    private bool _hasQuote = true;
    private decimal _bid = DefaultBid;
    private decimal _ask = DefaultAsk;
    private TimeSpan _quoteAge = TimeSpan.Zero;
    private EffectiveLimits _limits = EffectiveLimits.Resolve(new LimitsOptions(), null);
    private int _signalsBefore;
    private decimal _dayStartEquity = DefaultBalance;
    private decimal _equity = DefaultBalance;
    private decimal _peakEquity = DefaultBalance;
    private DailyLossLock? _dailyLossLock;
    private DrawdownHalt? _drawdownHalt;
    private readonly List<SymbolLock> _symbolLocks = [];
    private ExposureView? _exposure;

    public static EntryCheckBuilder Valid() => new();

    /// <summary>Fresh default options (09:30-16:00 New York, 10 bps spread, 500 ms quote age, max 3 positions).</summary>
    public static TradingOptions DefaultOptions() => new();

    public EntryCheckBuilder WithSymbol(string symbol)
    {
        _symbol = symbol;
        return this;
    }

    public EntryCheckBuilder WithSide(OrderSide side)
    {
        _side = side;
        return this;
    }

    public EntryCheckBuilder WithQuantity(decimal quantity)
    {
        _quantity = quantity;
        return this;
    }

    public EntryCheckBuilder WithBalance(decimal balance)
    {
        _balance = balance;
        return this;
    }

    public EntryCheckBuilder WithCooldownUntil(DateTimeOffset? until)
    {
        _cooldownUntil = until;
        return this;
    }

    public EntryCheckBuilder WithKillSwitch(KillSwitchState state)
    {
        _killSwitch = state;
        return this;
    }

    /// <summary>Moves the clock; the default quote stays stamped relative to the new "now".</summary>
    public EntryCheckBuilder At(DateTimeOffset now)
    {
        _now = now;
        return this;
    }

    public EntryCheckBuilder WithQuote(decimal bid, decimal ask)
    {
        _hasQuote = true;
        _bid = bid;
        _ask = ask;
        return this;
    }

    public EntryCheckBuilder WithQuoteAge(TimeSpan age)
    {
        _quoteAge = age;
        return this;
    }

    public EntryCheckBuilder WithoutQuote()
    {
        _hasQuote = false;
        return this;
    }

    public EntryCheckBuilder WithPosition(OpenPosition position)
    {
        _positions.Add(position);
        return this;
    }

    /// <summary>Adds an open position in the default symbol on the side the default buy entry opens (long).</summary>
    public EntryCheckBuilder WithPosition(
        PositionSide side = PositionSide.Long, string symbol = DefaultSymbol, decimal quantity = 1m, decimal entryPrice = 100m) =>
        WithPosition(new OpenPosition(symbol, side, quantity, entryPrice));

    /// <summary>A position in another symbol: trips the symbol lock.</summary>
    public EntryCheckBuilder WithPositionInOtherSymbol() => WithPosition(PositionSide.Long, "MSFT");

    /// <summary>A Saturday: trips the trading window.</summary>
    public EntryCheckBuilder OnSaturday() => At(new DateTimeOffset(2026, 11, 7, 15, 0, 0, TimeSpan.Zero));

    /// <summary>An 11.0 bps spread (bid 99.945, ask 100.055): trips the default 10 bps spread filter.</summary>
    public EntryCheckBuilder WithWideSpread() => WithQuote(99.945m, 100.055m);

    /// <summary>Changes the account's effective limits (the defaults of <see cref="LimitsOptions"/> otherwise).</summary>
    public EntryCheckBuilder WithLimits(Func<EffectiveLimits, EffectiveLimits> change)
    {
        _limits = change(_limits);
        return this;
    }

    /// <summary>How many signals the account sent in the minute before this one.</summary>
    public EntryCheckBuilder WithSignalsBefore(int count)
    {
        _signalsBefore = count;
        return this;
    }

    /// <summary>The trading day's starting equity and the equity now (both 100,000 by default).</summary>
    public EntryCheckBuilder WithDayEquity(decimal dayStartEquity, decimal equity)
    {
        _dayStartEquity = dayStartEquity;
        _equity = equity;
        return this;
    }

    /// <summary>Peak equity and equity now; the day's starting equity stays at the peak so no daily loss limit trips first.</summary>
    public EntryCheckBuilder WithPeak(decimal peakEquity, decimal equity)
    {
        _peakEquity = peakEquity;
        _dayStartEquity = equity;
        _equity = equity;
        return this;
    }

    public EntryCheckBuilder WithDailyLossLock(DateTimeOffset until, decimal lossPercent)
    {
        _dailyLossLock = new DailyLossLock(until, lossPercent);
        return this;
    }

    public EntryCheckBuilder WithDrawdownHalt(decimal drawdownPercent)
    {
        _drawdownHalt = new DrawdownHalt(_now, drawdownPercent);
        return this;
    }

    public EntryCheckBuilder WithSymbolLock(string symbol, DateTimeOffset until)
    {
        _symbolLocks.Add(new SymbolLock(symbol, until, 4, TimeSpan.FromHours(1)));
        return this;
    }

    /// <summary>The portfolio exposure the entry meets (none by default: the grain reserves it).</summary>
    public EntryCheckBuilder WithExposure(decimal symbolGross, decimal gross)
    {
        _exposure = new ExposureView(symbolGross, gross);
        return this;
    }

    public EntryCheck Build() => new(
        _symbol,
        _side,
        _quantity,
        _balance,
        _cooldownUntil,
        _positions.ToArray(),
        _killSwitch,
        _hasQuote ? new Quote(_symbol, _bid, _ask, _now - _quoteAge) : null,
        _now,
        new AccountRisk(_limits, _signalsBefore, TradingDay.Containing(_now, new TradingWindowOptions()), _dayStartEquity, _equity,
            _peakEquity, _dailyLossLock, _drawdownHalt, _symbolLocks.ToArray(), new TradingWindowOptions().TimeZone),
        _exposure);
}
