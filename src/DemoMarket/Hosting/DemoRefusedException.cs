namespace OrleansTrading.DemoMarket.Hosting;

/// <summary>A start the demo refuses on purpose (not enabled, a bad setting): one line on stderr, exit code 1.</summary>
public sealed class DemoRefusedException(string message) : Exception(message);
