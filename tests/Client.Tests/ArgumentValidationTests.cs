using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

/// <summary>Bad arguments are refused with exit code 1 and a message on stderr, before any connection is attempted.</summary>
public sealed class ArgumentValidationTests
{
    private readonly FakeConnector _connector = new();

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Signal_with_quantity_not_above_zero_is_refused_without_connecting(string quantity)
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", quantity, "--action", "open");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--quantity must be greater than 0", run.Error);
        Assert.Empty(run.Output);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Signal_with_non_numeric_quantity_is_refused_without_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "ten", "--action", "open");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--quantity 'ten' is not a number", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("0")]
    [InlineData("long")]
    public async Task Signal_with_unknown_side_is_refused_without_connecting(string side)
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", side, "--quantity", "1", "--action", "open");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"--side '{side}' is not valid: use buy or sell.", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Signal_with_unknown_action_is_refused_without_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "1", "--action", "flip");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--action 'flip' is not valid: use open or close.", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("AA PL")]
    [InlineData("THIS-SYMBOL-IS-TOO-LONG")]
    [InlineData("AAPL$")]
    public async Task Signal_with_bad_symbol_is_refused_without_connecting(string symbol)
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", symbol, "--side", "buy", "--quantity", "1", "--action", "open");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--symbol", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Every_problem_of_a_signal_is_reported_at_once()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "bad id", "--symbol", "AAPL", "--side", "up", "--quantity", "0", "--action", "flip",
            "--stop-loss-percent", "100");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("accountId 'bad id' is not valid", run.Error);
        Assert.Contains("--side 'up'", run.Error);
        Assert.Contains("--quantity must be greater than 0", run.Error);
        Assert.Contains("--action 'flip'", run.Error);
        Assert.Contains("--stop-loss-percent must be greater than 0 and less than 100", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Signal_with_a_missing_required_option_is_refused_without_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "1");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--action", run.Error);
        Assert.Contains("orleans-trading signal --help", run.Error);
        Assert.Empty(run.Output);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:")]
    [InlineData(":30000")]
    [InlineData("localhost:0")]
    [InlineData("localhost:65536")]
    [InlineData("localhost:port")]
    [InlineData("::1:30000")]
    [InlineData("[not-ipv6]:30000")]
    [InlineData("bad host:30000")]
    public async Task Malformed_gateway_is_refused_without_connecting(string gateway)
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "show", "--gateway", gateway);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"--gateway '{gateway}'", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("0", "1", "--bid must be greater than 0")]
    [InlineData("-1", "1", "--bid must be greater than 0")]
    [InlineData("100.05", "100", "--ask must be greater than or equal to --bid")]
    public async Task Quote_with_bad_prices_is_refused_without_connecting(string bid, string ask, string expected)
    {
        var run = await CliRun.RunAsync(_connector, "quote", "publish", "AAPL", "--bid", bid, "--ask", ask);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Quote_with_malformed_timestamp_is_refused_without_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "quote", "publish", "AAPL", "--bid", "100", "--ask", "100.05", "--timestamp", "yesterday");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--timestamp 'yesterday' is not an ISO 8601 date-time", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("paused")]
    [InlineData("2")]
    public async Task Unknown_kill_switch_state_is_refused_without_connecting(string state)
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "set", state);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"state '{state}' is not valid: use active, reduceOnly or halted.", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Account_with_balance_not_above_zero_is_refused_without_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "create", "acc-1", "--balance", "0");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--balance must be greater than 0", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Blank_cluster_id_is_refused_without_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "list", "--cluster-id", " ");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--cluster-id must not be empty.", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("orders", "--offset", "-1", "--offset must not be negative (got -1).")]
    [InlineData("orders", "--limit", "0", "--limit must be between 1 and 500 (got 0).")]
    [InlineData("trades", "--limit", "501", "--limit must be between 1 and 500 (got 501).")]
    [InlineData("trades", "--limit", "ten", "--limit 'ten' is not a whole number")]
    [InlineData("orders", "--offset", "1.5", "--offset '1.5' is not a whole number")]
    [InlineData("trades", "--offset", "99999999999", "--offset '99999999999' is not a whole number")]
    public async Task Journal_listing_with_bad_paging_is_refused_without_connecting(string command, string option, string value, string expected)
    {
        var run = await CliRun.RunAsync(_connector, command, "acc-1", option, value);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(run.Output);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Every_problem_of_a_journal_listing_is_reported_at_once()
    {
        var run = await CliRun.RunAsync(_connector, "orders", "bad id", "--offset", "-5", "--limit", "1000");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("accountId 'bad id' is not valid", run.Error);
        Assert.Contains("--offset must not be negative", run.Error);
        Assert.Contains("--limit must be between 1 and 500", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task Journal_listing_without_an_account_id_is_refused_without_connecting()
    {
        var run = await CliRun.RunAsync(_connector, "trades");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("orleans-trading trades --help", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("--side", "buy,sell")]
    [InlineData("--side", "sell, buy")]
    [InlineData("--side", "1")]
    [InlineData("--side", "+1")]
    [InlineData("--action", "open,close")]
    [InlineData("--action", "0")]
    public async Task Signal_words_are_names_only_never_numbers_or_flag_combinations(string option, string word)
    {
        var side = option == "--side" ? word : "buy";
        var action = option == "--action" ? word : "open";

        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", side, "--quantity", "1", "--action", action);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"{option} '{word}' is not valid", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("+2")]
    [InlineData("active,halted")]
    [InlineData("halted, reduceOnly")]
    public async Task Kill_switch_states_are_names_only(string state)
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "set", state);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"state '{state}' is not valid: use active, reduceOnly or halted.", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("m1\n", "m1\\u000A")]
    [InlineData(".", ".")]
    [InlineData("..", "..")]
    public async Task Account_ids_with_a_trailing_newline_or_dot_segments_are_refused(string id, string shown)
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "create", id, "--balance", "1000");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"accountId '{shown}' is not valid", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task A_signal_id_with_a_control_character_is_refused_and_shown_escaped()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", "1", "--action", "open",
            "--signal-id", "s1\nINFO forged");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--signal-id 's1\\u000AINFO forged' is not valid", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001", "--quantity must have at most 8 decimal places")]
    [InlineData("79228162514264337593543950335", "--quantity must be at most 1000000000")]
    public async Task Dust_and_absurd_quantities_are_refused(string quantity, string expected)
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "AAPL", "--side", "buy", "--quantity", quantity, "--action", "open");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task A_balance_that_could_overflow_is_refused()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "create", "acc-1", "--balance", "79228162514264337593543950335");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--balance must be at most 1000000000000", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("100", "1000000001", "--ask must be at most 1000000000")]
    [InlineData("0.000000001", "1", "--bid must have at most 8 decimal places")]
    public async Task Quote_prices_beyond_the_hard_cap_or_with_dust_decimals_are_refused(string bid, string ask, string expected)
    {
        var run = await CliRun.RunAsync(_connector, "quote", "publish", "AAPL", "--bid", bid, "--ask", ask);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Fact]
    public async Task A_kill_switch_reason_with_a_newline_is_refused()
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "set", "halted", "--reason", "done\nWARN forged");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains("--reason must not contain control characters.", run.Error);
        Assert.Empty(_connector.Attempts);
    }

    [Theory]
    [InlineData("accepted,rejected")]
    [InlineData("1")]
    public async Task The_decisions_status_filter_takes_words_only(string status)
    {
        var run = await CliRun.RunAsync(_connector, "decisions", "acc-1", "--status", status);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Contains($"--status '{status}' is not valid: use accepted or rejected.", run.Error);
        Assert.Empty(_connector.Attempts);
    }
}
