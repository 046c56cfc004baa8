using OrleansTrading.Abstractions;
using OrleansTrading.DemoMarket.Hosting;

namespace OrleansTrading.DemoMarket.Market;

/// <summary>
/// The demo's market: every <see cref="Tick"/> moves each symbol's random walk and quotes it, with spreads of a few
/// bps and bid/ask sizes that make large orders fill in part. Now and then a symbol's spread blows out or its feed goes
/// quiet (at the configured chances per symbol per quote), and the first symbol drops sharply at intervals. So that
/// the first minute shows all of it, a wide spread, a stale gap and the first drop are also scripted early.
/// Deterministic for a seed and a clock: the same draws happen in the same order on every tick.
/// </summary>
public sealed class MarketSimulator
{
    /// <summary>A longer pause (a suspended process) moves the walk as much as a minute would, no more.</summary>
    private static readonly TimeSpan LongestStep = TimeSpan.FromMinutes(1);

    private readonly DemoMarketOptions _options;
    private readonly TimeProvider _clock;
    private readonly Random _random;
    private readonly List<SimulatedSymbol> _symbols;
    private readonly DateTimeOffset _start;
    private readonly SimulatedSymbol _scriptedWide;
    private readonly SimulatedSymbol _scriptedGap;
    private bool _scriptedWideDone;
    private bool _scriptedGapDone;
    private DateTimeOffset _nextDrop;

    /// <param name="startingMids">
    /// Where each symbol's price resumes (the engine's last quote, or the mark of a position held from an earlier run):
    /// a restarted demo must not jump away from the prices the engine and the open positions know. A symbol without
    /// one starts at a price of its own, the same on every run.
    /// </param>
    public MarketSimulator(DemoMarketOptions options, int seed, TimeProvider clock, IReadOnlyDictionary<string, decimal>? startingMids = null)
    {
        _options = options;
        _clock = clock;
        _random = new Random(seed);
        _start = clock.GetUtcNow();
        _symbols = options.SymbolList
            .Select(s => new SimulatedSymbol(s, startingMids is not null && startingMids.TryGetValue(s, out var mid) && mid > 0 ? mid : FirstPrice(s)))
            .ToList();
        // The scripted episodes stay off the dropping symbol, so the dip buyer's entry and stop-out are not disturbed.
        _scriptedWide = _symbols[^1];
        _scriptedGap = _symbols.Count >= 3 ? _symbols[^2] : _symbols[^1];
        _nextDrop = _start + 3 * options.FirstEventsAfter;
    }

    public IReadOnlyList<string> Symbols => _symbols.Select(s => s.Symbol).ToList();

    /// <summary>The symbol that drops at intervals.</summary>
    public string DroppingSymbol => _symbols[0].Symbol;

    public MarketTick Tick()
    {
        var now = _clock.GetUtcNow();
        var quotes = new List<Quote>(_symbols.Count);
        var events = new List<MarketEvent>();
        foreach (var symbol in _symbols)
        {
            // Every draw is made on every tick, whatever happens, so a seed replays the same market.
            var step = symbol.LastStep is { } last ? Clamp(now - last) : TimeSpan.Zero;
            symbol.LastStep = now;
            symbol.Walk(step, _options.DriftPercent, _options.VolatilityPercent, StandardNormal());
            var wideDraw = _random.NextDouble();
            var gapDraw = _random.NextDouble();
            var spreadDraw = (decimal)_random.NextDouble();
            var bidSize = Size(_random.NextDouble());
            var askSize = Size(_random.NextDouble());

            if (!symbol.IsWide(now) && (wideDraw < _options.WideSpreadRate || Scripted(symbol == _scriptedWide, 1, ref _scriptedWideDone, now)))
            {
                symbol.WideUntil = now + _options.WideSpreadDuration;
                events.Add(new MarketEvent(MarketEventKind.WideSpread, symbol.Symbol, now, _options.WideSpreadDuration, _options.WideSpreadBps));
            }

            if (!symbol.IsQuiet(now) && (gapDraw < _options.StaleGapRate || Scripted(symbol == _scriptedGap, 2, ref _scriptedGapDone, now)))
            {
                symbol.QuietUntil = now + _options.StaleGapDuration;
                events.Add(new MarketEvent(MarketEventKind.StaleGap, symbol.Symbol, now, _options.StaleGapDuration, 0m));
            }

            if (symbol == _symbols[0] && now >= _nextDrop)
            {
                symbol.StartDrop(now, _options.ShockDropPercent, _options.ShockDuration);
                events.Add(new MarketEvent(MarketEventKind.Drop, symbol.Symbol, now, _options.ShockDuration, _options.ShockDropPercent));
                while (_nextDrop <= now)
                {
                    _nextDrop += _options.ShockEvery;
                }
            }

            if (symbol.IsQuiet(now))
            {
                continue;
            }

            var spreadBps = symbol.IsWide(now)
                ? _options.WideSpreadBps
                : _options.MinSpreadBps + (_options.MaxSpreadBps - _options.MinSpreadBps) * spreadDraw;
            var (bid, ask) = PriceGrid.Quote(symbol.Mid(now), spreadBps);
            quotes.Add(new Quote(symbol.Symbol, bid, ask, now, bidSize, askSize));
        }

        return new MarketTick(now, quotes, events);
    }

    /// <summary>Whether the scripted episode of this symbol is due: once, <paramref name="multiple"/> × FirstEventsAfter after the start.</summary>
    private bool Scripted(bool isTheSymbol, int multiple, ref bool done, DateTimeOffset now)
    {
        if (!isTheSymbol || done || now < _start + multiple * _options.FirstEventsAfter)
        {
            return false;
        }

        done = true;
        return true;
    }

    /// <summary>A symbol's own first price between 60 and 300, from its name (string hashes differ between runs).</summary>
    public static decimal FirstPrice(string symbol)
    {
        var hash = symbol.Aggregate(17u, (h, c) => unchecked(h * 31 + c));
        return 60m + hash % 24_000 / 100m;
    }

    private static TimeSpan Clamp(TimeSpan step) => step < TimeSpan.Zero ? TimeSpan.Zero : step > LongestStep ? LongestStep : step;

    private decimal Size(double draw) =>
        Math.Min(_options.MaxSize, _options.MinSize + Math.Floor((decimal)draw * (_options.MaxSize - _options.MinSize + 1)));

    /// <summary>Box-Muller: one standard normal from two uniforms.</summary>
    private double StandardNormal()
    {
        var u1 = 1.0 - _random.NextDouble(); // (0, 1]: the logarithm stays finite
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
