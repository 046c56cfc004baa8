using System.CommandLine;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Commands;

/// <summary>
/// <c>decisions [&lt;accountId&gt;]</c>: every decision an account made, accepted or rejected with its reason, newest first;
/// without an account id, the latest decisions across all accounts.
/// </summary>
public static class DecisionsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var accountId = new Argument<string?>("accountId")
        {
            Description = "The virtual account; omit it for the latest decisions across all accounts.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var status = new Option<string?>("--status") { Description = "Only accepted or only rejected decisions (with an account id)." };
        var paging = new PageOptions();
        var command = new Command("decisions",
            "List decisions, newest first: an account's (paged, optionally by --status), or the latest across all accounts; exit code 3 when the account does not exist.")
        {
            accountId,
            status,
        };
        paging.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var (offset, limit) = paging.Read(parse, checks);
            var rawId = parse.GetValue(accountId);
            if (rawId is null)
            {
                if (parse.GetResult(status) is not null || parse.GetResult(paging.Offset) is { Implicit: false })
                {
                    checks.Add("--status and --offset need an account id: the feed across accounts is only the latest --limit decisions.");
                }

                return runner.RunAsync(parse, checks, async (engine, output, token) =>
                {
                    output.Decisions(await engine.GetLatestDecisionsAsync(limit, token));
                    return ExitCodes.Success;
                }, cancellationToken);
            }

            var id = checks.AccountId(rawId);
            var only = parse.GetValue(status) is { } text ? checks.Choice<SignalStatus>(text, "--status") : null;
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                var page = await engine.GetDecisionsAsync(id, offset, limit, only, token);
                if (page is null)
                {
                    return output.Fail(ErrorCodes.NotFound, ExitCodes.NotFound, $"Account '{id}' does not exist.");
                }

                output.Decisions(page);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
