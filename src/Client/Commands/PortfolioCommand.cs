using System.CommandLine;

namespace OrleansTrading.Client.Commands;

/// <summary><c>portfolio</c>: every account together, today's loss against its limit, and the exposure against the portfolio limits.</summary>
public static class PortfolioCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("portfolio",
            "Show every account together: equity, PnL, today's loss against the portfolio's daily loss limit, and the exposure per symbol and in total against their limits.");
        command.SetAction((parse, cancellationToken) =>
            runner.RunAsync(parse, new ArgumentChecks(), async (engine, output, token) =>
            {
                output.Portfolio(await engine.GetPortfolioAsync(token));
                return ExitCodes.Success;
            }, cancellationToken));
        return command;
    }
}
