using System.CommandLine;
using OrleansTrading.Abstractions;
using OrleansTrading.Client.Connection;
using OrleansTrading.Client.Output;

namespace OrleansTrading.Client.Commands;

/// <summary><c>orders|trades &lt;accountId&gt;</c>: an account's journal, newest first, one page at a time.</summary>
public static class JournalCommands
{
    public static Command Orders(CommandRunner runner) => Create(
        runner,
        "orders",
        "List an account's orders, newest first, each with its status changes; exit code 3 when the account does not exist.",
        (engine, id, offset, limit, token) => engine.GetOrdersAsync(id, offset, limit, token),
        (output, page) => output.Orders(page));

    public static Command Trades(CommandRunner runner) => Create(
        runner,
        "trades",
        "List an account's closed trades, newest first, with their pnl; exit code 3 when the account does not exist.",
        (engine, id, offset, limit, token) => engine.GetTradesAsync(id, offset, limit, token),
        (output, page) => output.Trades(page));

    private static Command Create<T>(
        CommandRunner runner,
        string name,
        string description,
        Func<ITradingEngine, string, int, int, CancellationToken, Task<Page<T>?>> read,
        Action<OutputWriter, Page<T>> print)
    {
        var accountId = AccountCommands.AccountIdArgument();
        var paging = new PageOptions();
        var command = new Command(name, description) { accountId };
        paging.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var id = checks.AccountId(parse.GetValue(accountId));
            var (offset, limit) = paging.Read(parse, checks);
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                var page = await read(engine, id, offset, limit, token);
                if (page is null)
                {
                    return output.Fail(ErrorCodes.NotFound, ExitCodes.NotFound, $"Account '{id}' does not exist.");
                }

                print(output, page);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
