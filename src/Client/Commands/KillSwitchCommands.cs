using System.CommandLine;
using OrleansTrading.Abstractions;
using OrleansTrading.Client.Connection;

namespace OrleansTrading.Client.Commands;

/// <summary><c>kill-switch show|set|flatten</c>: the cluster-wide trading permission, and closing every position.</summary>
public static class KillSwitchCommands
{
    public const string States = "active, reduceOnly or halted";

    public static Command Create(CommandRunner runner) => new("kill-switch", "Show or change the cluster-wide kill-switch, or flatten every account.")
    {
        ShowCommand(runner),
        SetCommand(runner),
        FlattenCommand(runner),
    };

    private static Command ShowCommand(CommandRunner runner)
    {
        var command = new Command("show", "Show the kill-switch state, its reason and when it changed.");
        command.SetAction((parse, cancellationToken) =>
            runner.RunAsync(parse, new ArgumentChecks(), async (engine, output, token) =>
            {
                output.KillSwitch(await engine.GetKillSwitchAsync(token));
                return ExitCodes.Success;
            }, cancellationToken));
        return command;
    }

    private static Command SetCommand(CommandRunner runner)
    {
        var state = new Argument<string>("state") { Description = $"The new state: {States}." };
        var reason = new Option<string>("--reason") { Description = $"Why (at most {ArgumentChecks.MaxReasonLength} characters)." };
        var command = new Command("set", "Set the kill-switch: active (all trading), reduceOnly (exits only) or halted (nothing but stop-losses).")
        {
            state, reason,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var newState = checks.Choice<KillSwitchState>(parse.GetValue(state), "state");
            var why = checks.Reason(parse.GetValue(reason));
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                output.KillSwitch(await engine.SetKillSwitchAsync(newState!.Value, why, token));
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Command FlattenCommand(CommandRunner runner)
    {
        var command = new Command(
            "flatten",
            "Close every open position of every account with reduce-only orders. Needs the kill-switch in reduceOnly or halted; exit code 2 when it is active.");
        command.SetAction((parse, cancellationToken) =>
            runner.RunAsync(parse, new ArgumentChecks(), async (engine, output, token) =>
            {
                try
                {
                    output.Flatten(await engine.FlattenAsync(token));
                    return ExitCodes.Success;
                }
                catch (FlattenRefusedException)
                {
                    return output.Fail(
                        ErrorCodes.FlattenRefused,
                        ExitCodes.FlattenRefused,
                        "Flatten refused: the kill-switch is active. Set it to reduceOnly or halted first, e.g. 'orleans-trading kill-switch set reduceOnly'.");
                }
            }, cancellationToken));
        return command;
    }
}
