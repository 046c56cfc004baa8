using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using OrleansTrading.Client.Commands;
using OrleansTrading.Client.Connection;
using OrleansTrading.Client.Output;

namespace OrleansTrading.Client;

/// <summary>Builds the command tree and runs one command line. Everything the process touches is passed in, so tests can run it in-process.</summary>
public static class TradingCli
{
    /// <param name="environment">Reads environment variables (the client's TLS settings); the process environment when null.</param>
    public static RootCommand BuildRootCommand(IEngineConnector connector, TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(connector, globals, output, error, environment: environment);
        var root = new RootCommand("Command-line client of the Orleans trading engine: talks to the grains through a silo gateway.")
        {
            AccountCommands.Create(runner),
            SignalCommand.Create(runner),
            JournalCommands.Orders(runner),
            JournalCommands.Trades(runner),
            DecisionsCommand.Create(runner),
            QuoteCommands.Create(runner),
            KillSwitchCommands.Create(runner),
            LimitsCommands.Create(runner),
            PortfolioCommand.Create(runner),
        };
        globals.AddTo(root);
        return root;
    }

    public static Task<int> RunAsync(string[] args, IEngineConnector connector, TextWriter output, TextWriter error, CancellationToken cancellationToken = default,
        Func<string, string?>? environment = null)
    {
        var root = BuildRootCommand(connector, output, error, environment);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // Errors only, on stderr: the full help on stdout would pollute output that scripts parse (--json), which
            // gets the error object instead.
            var problems = parse.Errors.Select(e => e.Message).Append($"Run '{CommandPath(parse)} --help' for usage.").ToList();
            var writer = new OutputWriter(output, error, WantsJson(parse));
            return Task.FromResult(writer.Fail(CommandRunner.InvalidArguments(problems)));
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Whether <c>--json</c> was given, judged from the tokens: a command line with errors has no reliable values.</summary>
    private static bool WantsJson(ParseResult parse) =>
        parse.Tokens.Any(t => t.Type == TokenType.Option && t.Value == "--json");

    /// <summary>The command line that names the parsed command, e.g. <c>orleans-trading quote publish</c>.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Command is not RootCommand && result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        names.Insert(0, "orleans-trading");
        return string.Join(' ', names);
    }
}
