using System.Text.Json;
using OrleansTrading.Abstractions;
using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

/// <summary>
/// With <c>--json</c> every failure also prints <c>{"error":{"code","exitCode","message",…}}</c> on stdout, so a script
/// always reads JSON; the one-line message still goes to stderr. Without <c>--json</c> stdout stays empty.
/// </summary>
public sealed class JsonErrorTests
{
    private static readonly string[] OpenBuy = ["signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "10", "--action", "open"];

    private readonly FakeConnector _connector = new();

    [Fact]
    public async Task Refused_arguments_list_every_problem_and_send_nothing()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc 1", "--symbol", "AAPL", "--side", "buy,sell", "--quantity", "0",
            "--action", "open", "--json");

        var error = AssertError(run, ExitCodes.InvalidArguments, "invalidArguments");
        var problems = error.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("accountId 'acc 1'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--side 'buy,sell'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--quantity", StringComparison.Ordinal));
        Assert.Equal(problems, run.Error.Trim().Split(Environment.NewLine));
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_is_an_invalid_arguments_error()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--json", "--no-such-option");

        var error = AssertError(run, ExitCodes.InvalidArguments, "invalidArguments");
        var problems = error.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains("--no-such-option", StringComparison.Ordinal));
        Assert.Equal("Run 'orleans-trading signal --help' for usage.", problems[^1]);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task An_unknown_account_is_not_found()
    {
        _connector.Engine.Decision = SignalDecision.Rejected(RejectionReason.AccountNotFound, "Account 'acc-1' does not exist.");

        var run = await CliRun.RunAsync(_connector, [.. OpenBuy, "--json"]);

        var error = AssertError(run, ExitCodes.NotFound, "notFound");
        Assert.Equal("Account 'acc-1' does not exist.", error.GetProperty("message").GetString());
        Assert.Equal("Account 'acc-1' does not exist.", run.Error.Trim());
    }

    [Fact]
    public async Task An_existing_account_is_already_exists()
    {
        _connector.Engine.Creation = new AccountCreation(false, Snapshots.Account("acc-1", 10m));

        var run = await CliRun.RunAsync(_connector, "--json", "accounts", "create", "acc-1", "--balance", "10");

        AssertError(run, ExitCodes.AlreadyExists, "alreadyExists");
    }

    [Fact]
    public async Task An_unreachable_gateway_is_cluster_unavailable()
    {
        _connector.Unreachable = true;

        var run = await CliRun.RunAsync(_connector, "accounts", "list", "--json");

        var error = AssertError(run, ExitCodes.ClusterUnavailable, "clusterUnavailable");
        Assert.Contains("Cannot reach the Orleans gateway", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engine_failure_is_an_engine_error()
    {
        _connector.Engine.SignalFailure = new InvalidOperationException("database is locked");

        var run = await CliRun.RunAsync(_connector, [.. OpenBuy, "--json"]);

        var error = AssertError(run, ExitCodes.EngineError, "engineError");
        Assert.Contains("database is locked", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_the_engine_refuses_is_invalid_input_with_exit_code_1()
    {
        _connector.Engine.SignalFailure = new OrleansTrading.Abstractions.Validation.InvalidInputException("quantity", "quantity is too large.");

        var run = await CliRun.RunAsync(_connector, [.. OpenBuy, "--json"]);

        AssertError(run, ExitCodes.InvalidArguments, "invalidInput");
    }

    [Fact]
    public async Task A_signal_id_conflict_carries_the_first_decision_and_the_differing_fields()
    {
        var first = new DecisionRecord("acc-1", "s-1", "AAPL", OrderSide.Buy, 10m, SignalAction.Open, null, null, SignalStatus.Accepted,
            null, null, "ord-1", 10m, 100.0500m, 98.0490m, null, new DateTimeOffset(2025, 1, 2, 15, 0, 0, TimeSpan.Zero));
        _connector.Engine.SignalFailure = new SignalIdConflictException(first, ["quantity"]);

        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "11",
            "--action", "open", "--signal-id", "s-1", "--json");

        var error = AssertError(run, ExitCodes.SignalIdConflict, "signalIdConflict");
        Assert.Equal(["quantity"], error.GetProperty("differingFields").EnumerateArray().Select(f => f.GetString()));
        var decision = error.GetProperty("firstDecision");
        Assert.Equal("ord-1", decision.GetProperty("orderId").GetString());
        Assert.Equal("accepted", decision.GetProperty("status").GetString());
        Assert.Contains("\"stopLossPrice\": 98.049,", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_flatten_is_flatten_refused()
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "flatten", "--json");

        AssertError(run, ExitCodes.FlattenRefused, "flattenRefused");
    }

    [Fact]
    public async Task A_rejected_signal_is_a_decision_not_an_error()
    {
        _connector.Engine.Decision = SignalDecision.Rejected(RejectionReason.StaleQuote, "The quote is 2 s old (max 0.5 s).");

        var run = await CliRun.RunAsync(_connector, [.. OpenBuy, "--json"]);

        Assert.Equal(ExitCodes.SignalRejected, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal("staleQuote", document.RootElement.GetProperty("reason").GetString());
        Assert.False(document.RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Without_json_an_error_leaves_stdout_empty()
    {
        _connector.Unreachable = true;

        var run = await CliRun.RunAsync(_connector, "accounts", "list");

        Assert.Equal(ExitCodes.ClusterUnavailable, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.NotEmpty(run.Error.Trim());
    }

    /// <summary>Stdout is exactly one JSON error object with the code and exit code; stderr has the message.</summary>
    private static JsonElement AssertError(CliRun run, int exitCode, string code)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.NotEmpty(run.Error.Trim());
        using var document = JsonDocument.Parse(run.Output);
        var root = document.RootElement;
        Assert.Equal(["error"], root.EnumerateObject().Select(p => p.Name));
        var error = root.GetProperty("error").Clone();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(exitCode, error.GetProperty("exitCode").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }
}
