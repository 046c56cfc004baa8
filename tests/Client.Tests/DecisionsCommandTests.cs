using OrleansTrading.Abstractions;
using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

/// <summary><c>decisions</c>, and the signal id conflict as the grain client sees it.</summary>
public sealed class DecisionsCommandTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 14, 35, 0, TimeSpan.Zero);
    private readonly FakeConnector _connector = new();

    private static DecisionRecord Accepted(string account, string signalId) =>
        new(account, signalId, "AAPL", OrderSide.Buy, 10m, SignalAction.Open, null, null, SignalStatus.Accepted, null, null,
            "ord-1", 10m, 100.05m, 98.049m, null, At);

    private static DecisionRecord Rejected(string account, string signalId) =>
        new(account, signalId, "AAPL", OrderSide.Buy, 10m, SignalAction.Open, null, null, SignalStatus.Rejected,
            RejectionReason.StaleQuote, "Quote is 900 ms old (max 500 ms).", null, null, null, null, null, At);

    [Fact]
    public async Task An_accounts_decisions_print_one_line_each_with_outcome_and_reason()
    {
        _connector.Engine.DecisionPages["acc-1"] = new Page<DecisionRecord>([Rejected("acc-1", "s-2"), Accepted("acc-1", "s-1")], 0, 50, 2);

        var run = await CliRun.RunAsync(_connector, "decisions", "acc-1", "--status", "REJECTED");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            [
                "decisions 1-2 of 2, newest first",
                "2025-01-02T14:35:00.000Z  s-2  open buy 10 AAPL  rejected staleQuote - Quote is 900 ms old (max 500 ms).",
                "2025-01-02T14:35:00.000Z  s-1  open buy 10 AAPL  accepted ord-1 filled 10 @ 100.05",
            ],
            run.Output.TrimEnd().Split(Environment.NewLine));
        Assert.Equal([SignalStatus.Rejected], _connector.Engine.DecisionStatusFilters);
    }

    [Fact]
    public async Task Without_an_account_id_the_latest_decisions_across_accounts_name_their_account()
    {
        _connector.Engine.LatestDecisions.AddRange([Accepted("acc-2", "s-9"), Rejected("acc-1", "s-8")]);

        var run = await CliRun.RunAsync(_connector, "decisions", "--limit", "1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("2025-01-02T14:35:00.000Z  acc-2  s-9  open buy 10 AAPL  accepted ord-1 filled 10 @ 100.05", run.Output.Trim());
    }

    [Theory]
    [InlineData("decisions", "acc-1", "--status", "filled")]
    [InlineData("decisions", "acc-1", "--status", "1")]
    [InlineData("decisions", "--status", "accepted")]
    [InlineData("decisions", "--offset", "5")]
    public async Task Bad_decision_arguments_exit_1_and_send_nothing(params string[] args)
    {
        var run = await CliRun.RunAsync(_connector, args);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Empty(_connector.Engine.PageRequests);
        Assert.NotEmpty(run.Error.Trim());
    }

    [Fact]
    public async Task Decisions_of_an_unknown_account_exit_3()
    {
        var run = await CliRun.RunAsync(_connector, "decisions", "nobody");

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Contains("nobody", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signal_id_reused_with_different_content_exits_7_naming_the_first_decision_and_the_fields()
    {
        _connector.Engine.SignalFailure = new SignalIdConflictException(Accepted("acc-1", "s-1"), ["quantity"]);

        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "11",
            "--action", "open", "--signal-id", "s-1");

        Assert.Equal(ExitCodes.SignalIdConflict, run.ExitCode);
        Assert.Contains("'s-1' was already decided (accepted, order ord-1)", run.Error, StringComparison.Ordinal);
        Assert.Contains("differs in quantity", run.Error, StringComparison.Ordinal);
    }
}
