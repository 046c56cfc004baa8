using System.CommandLine;
using System.Globalization;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;

namespace OrleansTrading.Client.Commands;

/// <summary>
/// <c>limits show|set|reset-drawdown</c>: an account's risk limits (default or its own override), their usage and locks;
/// a partial change of its overrides (the word <c>default</c> restores one); an operator's reset of a drawdown halt.
/// </summary>
public static class LimitsCommands
{
    /// <summary>The value that restores a limit to its <c>Trading:Limits</c> default.</summary>
    public const string DefaultWord = "default";

    public static Command Create(CommandRunner runner) => new("limits", "Show an account's risk limits and what they block, change them, or reset a drawdown halt.")
    {
        ShowCommand(runner),
        SetCommand(runner),
        ResetDrawdownCommand(runner),
    };

    /// <summary>The option of a limit: <c>--max-notional-per-order</c> for <see cref="LimitName.MaxNotionalPerOrder"/>.</summary>
    public static string OptionName(LimitName name) =>
        "--" + string.Concat(Enum.GetName(name)!.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static Command ShowCommand(CommandRunner runner)
    {
        var accountId = AccountCommands.AccountIdArgument();
        var command = new Command("show", "Show the account's effective limits with their source, today's loss, drawdown, recent stop-outs, locks and limit events.")
        {
            accountId,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var id = checks.AccountId(parse.GetValue(accountId));
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
                Print(output, id, await engine.GetLimitsAsync(id, token)), cancellationToken);
        });
        return command;
    }

    private static Command SetCommand(CommandRunner runner)
    {
        var accountId = AccountCommands.AccountIdArgument();
        var options = Enum.GetValues<LimitName>().ToDictionary(n => n, n => new Option<string?>(OptionName(n))
        {
            Description = $"{Describe(n)}; '{DefaultWord}' restores the Trading:Limits default.",
        });
        var command = new Command("set", "Override some of the account's limits (the others stay as they are); exit code 3 when the account does not exist.")
        {
            accountId,
        };
        foreach (var option in options.Values)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var id = checks.AccountId(parse.GetValue(accountId));
            var change = ReadChange(checks, options.ToDictionary(o => o.Key, o => parse.GetValue(o.Value)));
            return runner.RunAsync(parse, checks, async (engine, output, token) =>
                Print(output, id, await engine.UpdateLimitsAsync(id, change, token), $"limits of {id} changed"), cancellationToken);
        });
        return command;
    }

    private static Command ResetDrawdownCommand(CommandRunner runner)
    {
        var accountId = AccountCommands.AccountIdArgument();
        var reason = new Option<string>("--reason") { Description = "Why the halt is lifted (required, journaled).", Required = true };
        var command = new Command("reset-drawdown",
            "Lift a maxDrawdown halt: the peak starts again from the equity now and entries are allowed; the reason is journaled.")
        {
            accountId,
            reason,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var checks = new ArgumentChecks();
            var id = checks.AccountId(parse.GetValue(accountId));
            var why = parse.GetValue(reason);
            if (string.IsNullOrWhiteSpace(why))
            {
                checks.Add("--reason must not be empty: say why the drawdown halt is lifted.");
            }
            else
            {
                checks.Reason(why);
            }

            return runner.RunAsync(parse, checks, async (engine, output, token) =>
                Print(output, id, await engine.ResetDrawdownAsync(id, why!, token), $"drawdown of {id} reset"), cancellationToken);
        });
        return command;
    }

    /// <summary>Reads each given option: <c>default</c> restores, anything else must be a valid value of its limit.</summary>
    internal static LimitsChange ReadChange(ArgumentChecks checks, IReadOnlyDictionary<LimitName, string?> values)
    {
        var set = LimitOverrides.None;
        var restore = new List<LimitName>();
        foreach (var (name, raw) in values)
        {
            if (raw is null)
            {
                continue;
            }

            var text = raw.Trim();
            if (string.Equals(text, DefaultWord, StringComparison.OrdinalIgnoreCase))
            {
                restore.Add(name);
                continue;
            }

            var option = OptionName(name);
            set = name switch
            {
                LimitName.MaxNotionalPerOrder => Decimal(checks, option, text, LimitRules.NotionalProblem) is { } v ? set with { MaxNotionalPerOrder = v } : set,
                LimitName.MaxQuantityPerOrder => Decimal(checks, option, text, LimitRules.QuantityProblem) is { } v ? set with { MaxQuantityPerOrder = v } : set,
                LimitName.MaxSignalsPerMinute => Int(checks, option, text, LimitRules.SignalsPerMinuteProblem) is { } v ? set with { MaxSignalsPerMinute = v } : set,
                LimitName.DailyLossPercent => Decimal(checks, option, text, LimitRules.PercentProblem) is { } v ? set with { DailyLossPercent = v } : set,
                LimitName.FlattenOnDailyLoss => Bool(checks, option, text) is { } v ? set with { FlattenOnDailyLoss = v } : set,
                LimitName.MaxDrawdownPercent => Decimal(checks, option, text, LimitRules.PercentProblem) is { } v ? set with { MaxDrawdownPercent = v } : set,
                LimitName.StopLossGuardCount => Int(checks, option, text, LimitRules.CountProblem) is { } v ? set with { StopLossGuardCount = v } : set,
                LimitName.StopLossGuardWindow => Duration(checks, option, text) is { } v ? set with { StopLossGuardWindow = v } : set,
                _ => Duration(checks, option, text) is { } v ? set with { StopLossGuardLockFor = v } : set,
            };
        }

        var change = new LimitsChange(set, restore);
        if (checks.IsValid && change.IsEmpty)
        {
            checks.Add($"Name at least one limit to change: {string.Join(", ", Enum.GetValues<LimitName>().Select(OptionName))}.");
        }

        return change;
    }

    private static int Print(Output.OutputWriter output, string accountId, AccountLimits? limits, string? headline = null)
    {
        if (limits is null)
        {
            return output.Fail(ErrorCodes.NotFound, ExitCodes.NotFound, $"Account '{accountId}' does not exist.");
        }

        output.Limits(limits, headline);
        return ExitCodes.Success;
    }

    private static decimal? Decimal(ArgumentChecks checks, string option, string text, Func<decimal, string?> problem)
    {
        if (!DecimalOptions.TryParse(text, out var value))
        {
            checks.Add($"{option} '{text}' is not a number: use digits with '.' as the decimal point, or '{DefaultWord}'.");
            return null;
        }

        return Valid(checks, option, text, problem(value)) ? value : null;
    }

    private static int? Int(ArgumentChecks checks, string option, string text, Func<int, string?> problem)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            checks.Add($"{option} '{text}' is not a whole number, or '{DefaultWord}'.");
            return null;
        }

        return Valid(checks, option, text, problem(value)) ? value : null;
    }

    private static bool? Bool(ArgumentChecks checks, string option, string text)
    {
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
        }

        checks.Add($"{option} '{text}' must be true, false or '{DefaultWord}'.");
        return null;
    }

    private static TimeSpan? Duration(ArgumentChecks checks, string option, string text)
    {
        if (!TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var value))
        {
            checks.Add($"{option} '{text}' is not a duration: use hh:mm:ss (or d.hh:mm:ss), e.g. 00:30:00, or '{DefaultWord}'.");
            return null;
        }

        return Valid(checks, option, text, LimitRules.DurationProblem(value)) ? value : null;
    }

    private static bool Valid(ArgumentChecks checks, string option, string text, string? problem)
    {
        if (problem is not null)
        {
            checks.Add($"{option} {problem} (got {text}).");
        }

        return problem is null;
    }

    private static string Describe(LimitName name) => name switch
    {
        LimitName.MaxNotionalPerOrder => "Largest quantity × price of one entry (orderTooLarge)",
        LimitName.MaxQuantityPerOrder => "Largest quantity of one entry (orderTooLarge)",
        LimitName.MaxSignalsPerMinute => "Most signals in a sliding minute before entries are rateLimited",
        LimitName.DailyLossPercent => "Loss since the trading day started, in % of its starting equity, that blocks entries until the next day (dailyLossLimit)",
        LimitName.FlattenOnDailyLoss => "true: reaching the daily loss limit also closes the open positions",
        LimitName.MaxDrawdownPercent => "Drawdown from peak equity, in %, that halts entries until reset-drawdown (maxDrawdown)",
        LimitName.StopLossGuardCount => "Stop-outs of one symbol within the window that lock it (stopLossGuard)",
        LimitName.StopLossGuardWindow => "The stop-loss guard's window, hh:mm:ss",
        _ => "How long the stop-loss guard locks the symbol, hh:mm:ss",
    };
}
