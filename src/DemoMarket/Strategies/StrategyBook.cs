using OrleansTrading.DemoMarket.Hosting;

namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// The demo's strategies and the symbols each trades: the dip buyer has the symbol that drops; the others share the
/// rest, so a drop stops out only the strategy meant to show it.
/// </summary>
public static class StrategyBook
{
    /// <summary>Every strategy's name, in the order they are created (also what the account prefix is checked against).</summary>
    public static readonly IReadOnlyList<string> Names = ["trend", "block", "dip", "scalper", "reckless", "hopper", "pyramid"];

    public static IReadOnlyList<IDemoStrategy> Create(DemoMarketOptions options, IReadOnlyList<string> symbols)
    {
        var dropping = symbols[0];
        var others = symbols.Skip(1).ToList();
        string Other(int index) => others[index % others.Count];
        var pause = options.HoldTime / 5;

        IReadOnlyList<IDemoStrategy> strategies =
        [
            new TrendFollower(Other(0), options.HoldTime),
            new BlockBuyer(Other(1), options.HoldTime),
            new DipBuyer(dropping, pause),
            new SpreadPayer(Other(2), pause),
            new Reckless(symbols, pause),
            new SymbolHopper(others, symbols, options.HoldTime),
            new Pyramider(Other(3), options.HoldTime),
        ];
        return strategies;
    }
}
