using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Running;

/// <summary>The engine's settings as last read from its engine-info grain: the rules the strategies play by.</summary>
public sealed class EngineView
{
    private EngineSettings? _current;

    public EngineSettings Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("The engine's settings were not read yet.");

    public void Update(EngineSettings settings) => Volatile.Write(ref _current, settings);

    public static string Window(EngineSettings s) =>
        s.TradingWindowIgnoredForDemo ? "ignored for the demo"
        : !s.TradingWindowEnabled ? "off"
        : $"{s.WindowStart:HH\\:mm}-{s.WindowEnd:HH\\:mm} {s.ExchangeTimeZone}, {(s.TradingWindowOpen ? "open" : "closed")} now";
}
