using System.CommandLine;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Commands;

/// <summary><c>quote publish|show</c>: the latest top of book of a symbol.</summary>
public static class QuoteCommands
{
    public static Command Create(CommandRunner runner) => new("quote", "Publish or show the latest quote of a symbol.")
    {
        PublishCommand(runner),
        ShowCommand(runner),
    };

    private static Command PublishCommand(CommandRunner runner)
    {
        var symbol = SymbolArgument();
        var bid = DecimalOptions.Required("--bid", "The best bid (greater than 0).");
        var ask = DecimalOptions.Required("--ask", "The best ask (at least the bid).");
        var timestamp = new Option<string>("--timestamp")
        {
            Description = "When the quote was observed, ISO 8601 (no offset means UTC). Default: now.",
        };
        var bidSize = DecimalOptions.Optional("--bid-size", "Size available at the bid (not negative). Default: unlimited.");
        var askSize = DecimalOptions.Optional("--ask-size", "Size available at the ask (not negative). Default: unlimited.");
        var command = new Command("publish", "Publish a quote; it replaces the symbol's previous one.") { symbol, bid, ask, timestamp, bidSize, askSize };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var bidPrice = checks.Price(parse.GetValue(bid), "--bid");
            var askPrice = checks.NotBelow(parse.GetValue(ask), bidPrice, "--ask", "--bid");
            var quote = new Quote(
                checks.Symbol(parse.GetValue(symbol)),
                bidPrice,
                askPrice,
                checks.Timestamp(parse.GetValue(timestamp), runner.Clock.GetUtcNow()),
                checks.Size(parse.GetValue(bidSize), "--bid-size"),
                checks.Size(parse.GetValue(askSize), "--ask-size"));
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                await engine.PublishQuoteAsync(quote, token);
                output.Quote(quote, "published ");
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Command ShowCommand(CommandRunner runner)
    {
        var symbol = SymbolArgument();
        var command = new Command("show", "Show the latest quote of a symbol; exit code 3 when none was published.") { symbol };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var key = checks.Symbol(parse.GetValue(symbol));
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                var quote = await engine.GetQuoteAsync(key, token);
                if (quote is null)
                {
                    return output.Fail(ErrorCodes.NotFound, ExitCodes.NotFound, $"No quote has been published for '{key}'.");
                }

                output.Quote(quote);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Argument<string> SymbolArgument() => new("symbol")
    {
        Description = "The symbol: 1-16 letters, digits, '.', '-' or '_' (case-insensitive).",
    };
}
