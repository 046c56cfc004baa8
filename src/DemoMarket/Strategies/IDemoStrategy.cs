using OrleansTrading.Abstractions;

namespace OrleansTrading.DemoMarket.Strategies;

/// <summary>
/// One demo strategy on its own account. It decides from what any client can see (the quotes it published, its
/// account's snapshot and the engine's settings) and learns only from the engine's answers.
/// </summary>
public interface IDemoStrategy
{
    /// <summary>Short and stable: the account is <c>{AccountPrefix}{Name}</c>.</summary>
    string Name { get; }

    /// <summary>One sentence: what it does and what the engine will do about it.</summary>
    string Story { get; }

    /// <summary>The order to send now, or null to wait.</summary>
    DemoOrder? Decide(StrategyContext context);

    /// <summary>Hears the engine's answer; may send one more order at once (e.g. close what just filled).</summary>
    DemoOrder? OnDecision(DemoOrder order, SignalDecision decision, StrategyContext context) => null;
}
