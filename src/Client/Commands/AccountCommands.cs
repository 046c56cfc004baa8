using System.CommandLine;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Client.Commands;

/// <summary><c>accounts create|list|show</c>: the virtual accounts.</summary>
public static class AccountCommands
{
    public static Command Create(CommandRunner runner) => new("accounts", "Create, list and show virtual accounts.")
    {
        CreateCommand(runner),
        ListCommand(runner),
        ShowCommand(runner),
    };

    private static Command CreateCommand(CommandRunner runner)
    {
        var accountId = AccountIdArgument();
        var balance = DecimalOptions.Required("--balance", "The initial balance (greater than 0).");
        var command = new Command("create", "Create a virtual account with an initial balance.") { accountId, balance };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var id = checks.AccountId(parse.GetValue(accountId));
            var initialBalance = checks.InitialBalance(parse.GetValue(balance), "--balance");
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                var creation = await engine.CreateAccountAsync(id, initialBalance, token);
                if (!creation.Created)
                {
                    return output.Fail(ErrorCodes.AlreadyExists, ExitCodes.AlreadyExists, $"Account '{id}' already exists.");
                }

                output.Account(creation.Snapshot, $"created account {id}");
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Command ListCommand(CommandRunner runner)
    {
        var command = new Command("list", "List every account with its balance and equity.");
        command.SetAction((parse, cancellationToken) =>
            runner.RunAsync(parse, new ArgumentChecks(), async (engine, output, token) =>
            {
                output.Accounts(await engine.ListAccountsAsync(token));
                return ExitCodes.Success;
            }, cancellationToken));
        return command;
    }

    private static Command ShowCommand(CommandRunner runner)
    {
        var accountId = AccountIdArgument();
        var command = new Command("show", "Show one account marked to the latest quote, with its positions.") { accountId };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var id = checks.AccountId(parse.GetValue(accountId));
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                var snapshot = await engine.GetAccountAsync(id, token);
                if (snapshot is null)
                {
                    return output.Fail(ErrorCodes.NotFound, ExitCodes.NotFound, $"Account '{id}' does not exist.");
                }

                output.Account(snapshot);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    internal static Argument<string> AccountIdArgument() => new("accountId")
    {
        Description = $"The account id: {InputRules.AccountIdRule}.",
    };
}
