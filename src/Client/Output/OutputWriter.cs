using OrleansTrading.Abstractions;

namespace OrleansTrading.Client.Output;

/// <summary>
/// Writes a command's result to standard output, as JSON (<c>--json</c>) or as short text, and its failure to standard
/// error (with <c>--json</c>, also as a JSON error object on standard output).
/// </summary>
public sealed class OutputWriter(TextWriter output, TextWriter error, bool json)
{
    public bool Json => json;

    /// <summary>Reports a failed command and returns its exit code.</summary>
    public int Fail(string code, int exitCode, string message) => Fail(new CliError(code, exitCode, message));

    /// <summary>
    /// Reports a failed command and returns its exit code: one line on stderr (each problem on its own line when the
    /// arguments were refused), and with <c>--json</c> the error object on stdout.
    /// </summary>
    public int Fail(CliError failure)
    {
        foreach (var line in failure.Problems is { Count: > 0 } problems ? problems : [failure.Message])
        {
            error.WriteLine(line);
        }

        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(failure));
        }

        return failure.ExitCode;
    }

    public void Decision(SignalDecision decision) =>
        output.WriteLine(json ? JsonOutput.Serialize(decision) : TextFormat.Decision(decision));

    public void Account(AccountSnapshot account, string? headline = null)
    {
        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(account));
            return;
        }

        if (headline is not null)
        {
            output.WriteLine(headline);
        }

        output.WriteLine(TextFormat.Account(account));
    }

    public void Accounts(IReadOnlyList<AccountSnapshot> accounts) =>
        output.WriteLine(json ? JsonOutput.Serialize(accounts) : TextFormat.Accounts(accounts));

    public void Quote(Quote quote, string? headline = null) =>
        output.WriteLine(json ? JsonOutput.Serialize(quote) : $"{headline}{TextFormat.Quote(quote)}");

    public void KillSwitch(KillSwitchStatus status) =>
        output.WriteLine(json ? JsonOutput.Serialize(status) : TextFormat.KillSwitch(status));

    public void Orders(Page<OrderHistory> page) =>
        output.WriteLine(json ? JsonOutput.Serialize(page) : TextFormat.Orders(page));

    public void Decisions(Page<DecisionRecord> page) =>
        output.WriteLine(json ? JsonOutput.Serialize(page) : TextFormat.Decisions(page));

    public void Decisions(IReadOnlyList<DecisionRecord> decisions) =>
        output.WriteLine(json ? JsonOutput.Serialize(decisions) : TextFormat.LatestDecisions(decisions));

    public void Trades(Page<TradeRecord> page) =>
        output.WriteLine(json ? JsonOutput.Serialize(page) : TextFormat.Trades(page));

    public void Limits(AccountLimits limits, string? headline = null)
    {
        if (json)
        {
            output.WriteLine(JsonOutput.Serialize(limits));
            return;
        }

        if (headline is not null)
        {
            output.WriteLine(headline);
        }

        output.WriteLine(TextFormat.Limits(limits));
    }

    public void Portfolio(PortfolioSummary portfolio) =>
        output.WriteLine(json ? JsonOutput.Serialize(portfolio) : TextFormat.Portfolio(portfolio));

    public void Flatten(FlattenResult result) =>
        output.WriteLine(json ? JsonOutput.Serialize(result) : TextFormat.Flatten(result));
}
