using System.CommandLine;
using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Commands;

/// <summary><c>signal &lt;accountId&gt;</c>: submits one trade signal and prints the engine's decision.</summary>
public static class SignalCommand
{
    public static Command Create(CommandRunner runner)
    {
        var accountId = AccountCommands.AccountIdArgument();
        var symbol = new Option<string>("--symbol") { Description = "The symbol to trade.", Required = true };
        var side = new Option<string>("--side") { Description = "buy or sell.", Required = true };
        var quantity = DecimalOptions.Required("--quantity", "How much to trade (greater than 0).");
        var action = new Option<string>("--action") { Description = "open (new exposure) or close (reduce-only).", Required = true };
        var signalId = new Option<string>("--signal-id")
        {
            Description = "Idempotency key: re-sending it returns the first decision. Default: a new GUID.",
        };
        var stopLoss = DecimalOptions.Optional("--stop-loss-percent", "Stop distance in percent of the fill price (0-100, exclusive).");
        var trailing = DecimalOptions.Optional("--trailing-stop-percent", "Trail the stop by this percent of the best price (0-100, exclusive).");

        var command = new Command("signal", "Submit a trade signal to an account; exit code 2 when it is rejected.")
        {
            accountId, symbol, side, quantity, action, signalId, stopLoss, trailing,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var id = checks.AccountId(parse.GetValue(accountId));
            var signal = new TradeSignal(
                checks.SignalId(parse.GetValue(signalId)),
                checks.Symbol(parse.GetValue(symbol), "--symbol"),
                checks.Choice<OrderSide>(parse.GetValue(side), "--side") ?? OrderSide.Buy,
                checks.Quantity(parse.GetValue(quantity), "--quantity"),
                checks.Choice<SignalAction>(parse.GetValue(action), "--action") ?? SignalAction.Open,
                checks.Percent(parse.GetValue(stopLoss), "--stop-loss-percent"),
                checks.Percent(parse.GetValue(trailing), "--trailing-stop-percent"));
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
            {
                var decision = await engine.SubmitSignalAsync(id, signal, token);
                if (decision.Reason == RejectionReason.AccountNotFound)
                {
                    return output.Fail(ErrorCodes.NotFound, ExitCodes.NotFound, $"Account '{id}' does not exist.");
                }

                output.Decision(decision);
                return decision.Status == SignalStatus.Accepted ? ExitCodes.Success : ExitCodes.SignalRejected;
            }, cancellationToken);
        });
        return command;
    }
}
