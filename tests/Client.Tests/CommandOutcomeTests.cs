using System.Globalization;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Validation;
using OrleansTrading.Client.Output;
using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

/// <summary>What each command sends to the engine, and how the engine's answer maps to output and exit code.</summary>
public sealed class CommandOutcomeTests
{
    private static readonly string[] OpenBuy = ["signal", "acc-1", "--symbol", "aapl", "--side", "Buy", "--quantity", "10", "--action", "open"];

    private readonly FakeConnector _connector = new();

    [Fact]
    public async Task Accepted_signal_exits_0_and_sends_a_normalised_signal_with_a_new_guid()
    {
        var run = await CliRun.RunAsync(_connector, OpenBuy);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("accepted: order sig-1 filled 1 @ 100", run.Output);
        var (accountId, signal) = Assert.Single(_connector.Engine.Signals);
        Assert.Equal("acc-1", accountId);
        Assert.Equal(new TradeSignal(signal.SignalId, "AAPL", OrderSide.Buy, 10m, SignalAction.Open), signal);
        Assert.True(Guid.TryParse(signal.SignalId, out _));
        Assert.True(_connector.Engine.Disposed);
    }

    [Fact]
    public async Task Signal_options_are_passed_as_given()
    {
        var run = await CliRun.RunAsync(_connector, "signal", "acc-1", "--symbol", "MSFT", "--side", "sell", "--quantity", "2.5", "--action", "close",
            "--signal-id", "s-42", "--stop-loss-percent", "1.5", "--trailing-stop-percent", "0.75");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var (_, signal) = Assert.Single(_connector.Engine.Signals);
        Assert.Equal(new TradeSignal("s-42", "MSFT", OrderSide.Sell, 2.5m, SignalAction.Close, 1.5m, 0.75m), signal);
    }

    [Fact]
    public async Task Rejected_signal_prints_the_reason_code_and_detail_and_exits_2()
    {
        _connector.Engine.Decision = SignalDecision.Rejected(RejectionReason.SpreadTooWide, "Spread is 25 bps (max 10 bps).");

        var run = await CliRun.RunAsync(_connector, OpenBuy);

        Assert.Equal(ExitCodes.SignalRejected, run.ExitCode);
        Assert.Equal("rejected: spreadTooWide - Spread is 25 bps (max 10 bps).", run.Output.Trim());
    }

    [Fact]
    public async Task Rejected_signal_with_json_prints_the_decision_and_exits_2()
    {
        _connector.Engine.Decision = SignalDecision.Rejected(RejectionReason.SymbolLocked, "Account is locked to AAPL.");

        var run = await CliRun.RunAsync(_connector, [.. OpenBuy, "--json"]);

        Assert.Equal(ExitCodes.SignalRejected, run.ExitCode);
        Assert.Contains("\"reason\": \"symbolLocked\"", run.Output);
    }

    [Fact]
    public async Task Signal_to_unknown_account_exits_3_with_a_message()
    {
        _connector.Engine.Decision = SignalDecision.Rejected(RejectionReason.AccountNotFound, "Account 'acc-1' does not exist.");

        var run = await CliRun.RunAsync(_connector, OpenBuy);

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("Account 'acc-1' does not exist.", run.Error.Trim());
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Showing_an_unknown_account_exits_3_with_a_message()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "show", "ghost");

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("Account 'ghost' does not exist.", run.Error.Trim());
    }

    [Fact]
    public async Task Creating_an_existing_account_exits_4_with_a_message()
    {
        _connector.Engine.Creation = new AccountCreation(false, Snapshots.Account("acc-1"));

        var run = await CliRun.RunAsync(_connector, "accounts", "create", "acc-1", "--balance", "5000");

        Assert.Equal(ExitCodes.AlreadyExists, run.ExitCode);
        Assert.Equal("Account 'acc-1' already exists.", run.Error.Trim());
    }

    [Fact]
    public async Task Creating_an_account_sends_the_balance_and_prints_the_account()
    {
        var run = await CliRun.RunAsync(_connector, "accounts", "create", "acc-1", "--balance", "10000.50");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(("acc-1", 10000.50m), Assert.Single(_connector.Engine.Created));
        Assert.StartsWith("created account acc-1", run.Output);
    }

    [Fact]
    public async Task Unreachable_gateway_exits_5_with_a_message_not_a_stack_trace()
    {
        _connector.Unreachable = true;

        var run = await CliRun.RunAsync(_connector, "accounts", "list", "--gateway", "localhost:1");

        Assert.Equal(ExitCodes.ClusterUnavailable, run.ExitCode);
        Assert.StartsWith("Cannot reach the Orleans gateway at localhost:1", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Connection_lost_during_a_call_exits_5()
    {
        _connector.Engine.SignalFailure = new OrleansTrading.Client.Connection.EngineUnavailableException("The connection to the cluster failed during the call: gone.");

        var run = await CliRun.RunAsync(_connector, OpenBuy);

        Assert.Equal(ExitCodes.ClusterUnavailable, run.ExitCode);
        Assert.Equal("The connection to the cluster failed during the call: gone.", run.Error.Trim());
        Assert.True(_connector.Engine.Disposed);
    }

    [Fact]
    public async Task Grain_validation_error_exits_1_with_the_engine_message()
    {
        _connector.Engine.SignalFailure = new InvalidInputException("quantity", "quantity must be greater than 0.");

        var run = await CliRun.RunAsync(_connector, OpenBuy);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Equal("The engine refused the request: quantity must be greater than 0.", run.Error.Trim());
    }

    [Fact]
    public async Task An_argument_exception_from_inside_the_engine_is_an_engine_error_not_the_callers_fault()
    {
        _connector.Engine.SignalFailure = new ArgumentException("Value cannot be null. (Parameter 'position')");

        var run = await CliRun.RunAsync(_connector, OpenBuy);

        Assert.Equal(ExitCodes.EngineError, run.ExitCode);
        Assert.StartsWith("The engine failed to process the request (ArgumentException)", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unexpected_engine_failure_exits_6_with_one_line_and_no_stack_trace()
    {
        _connector.Engine.SignalFailure = new InvalidOperationException("database is locked");

        var run = await CliRun.RunAsync(_connector, OpenBuy);

        Assert.Equal(ExitCodes.EngineError, run.ExitCode);
        Assert.Equal("The engine failed to process the request (InvalidOperationException): database is locked", run.Error.Trim());
    }

    [Theory]
    [InlineData("localhost:30000", "localhost", 30000)]
    [InlineData("silo-1.internal:30091", "silo-1.internal", 30091)]
    [InlineData("10.0.0.5:30000", "10.0.0.5", 30000)]
    [InlineData("[::1]:30000", "::1", 30000)]
    public async Task Gateway_accepts_hostnames_and_ip_addresses(string gateway, string host, int port)
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "show", "--gateway", gateway);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(new GatewayAddress(host, port), Assert.Single(_connector.Attempts).Gateway);
    }

    [Fact]
    public async Task Cluster_defaults_to_orleans_trading_and_can_be_overridden()
    {
        await CliRun.RunAsync(_connector, "kill-switch", "show");
        await CliRun.RunAsync(_connector, "--cluster-id", "c2", "kill-switch", "show", "--service-id", "s2");

        Assert.Equal(new GatewayAddress("localhost", 30000), _connector.Attempts[0].Gateway);
        Assert.Equal(("orleans-trading", "orleans-trading"), (_connector.Attempts[0].ClusterId, _connector.Attempts[0].ServiceId));
        Assert.Equal(("c2", "s2"), (_connector.Attempts[1].ClusterId, _connector.Attempts[1].ServiceId));
    }

    [Fact]
    public async Task Published_quote_defaults_its_timestamp_to_now_in_utc()
    {
        var before = DateTimeOffset.UtcNow;
        var run = await CliRun.RunAsync(_connector, "quote", "publish", "aapl", "--bid", "100", "--ask", "100.05");
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var quote = Assert.Single(_connector.Engine.PublishedQuotes);
        Assert.Equal(("AAPL", 100m, 100.05m, (decimal?)null, (decimal?)null), (quote.Symbol, quote.Bid, quote.Ask, quote.BidSize, quote.AskSize));
        Assert.InRange(quote.Timestamp, before, after);
        Assert.Equal(TimeSpan.Zero, quote.Timestamp.Offset);
    }

    [Fact]
    public async Task Published_quote_keeps_the_given_timestamp_and_sizes()
    {
        var run = await CliRun.RunAsync(_connector, "quote", "publish", "MSFT", "--bid", "400", "--ask", "400.1",
            "--timestamp", "2025-01-31T14:30:00.250Z", "--bid-size", "300", "--ask-size", "0");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var quote = Assert.Single(_connector.Engine.PublishedQuotes);
        Assert.Equal(new DateTimeOffset(2025, 1, 31, 14, 30, 0, 250, TimeSpan.Zero), quote.Timestamp);
        Assert.Equal((300m, 0m), (quote.BidSize, quote.AskSize));
    }

    [Fact]
    public async Task Prices_are_read_the_same_whatever_the_machine_culture()
    {
        var original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var run = await CliRun.RunAsync(_connector, "quote", "publish", "AAPL", "--bid", "100.05", "--ask", "100.10");

            Assert.Equal(ExitCodes.Success, run.ExitCode);
            Assert.Equal(100.05m, Assert.Single(_connector.Engine.PublishedQuotes).Bid);
            Assert.Contains("bid 100.05", run.Output);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public async Task Showing_a_symbol_without_a_quote_exits_3()
    {
        var run = await CliRun.RunAsync(_connector, "quote", "show", "aapl");

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("No quote has been published for 'AAPL'.", run.Error.Trim());
    }

    [Fact]
    public async Task Kill_switch_state_is_read_case_insensitively_and_sent_with_its_reason()
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "set", "REDUCEONLY", "--reason", "news");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(new KillSwitchStatus(KillSwitchState.ReduceOnly, "news", new DateTimeOffset(2025, 1, 2, 15, 0, 0, TimeSpan.Zero)), _connector.Engine.KillSwitch);
        Assert.Equal("kill-switch reduceOnly - news (since 2025-01-02T15:00:00.000Z)", run.Output.Trim());
    }

    [Fact]
    public async Task Account_list_with_json_is_a_camel_case_array()
    {
        _connector.Engine.Accounts.Add(Snapshots.Account("acc-1"));
        _connector.Engine.Accounts.Add(Snapshots.Account("acc-2", 500m));

        var run = await CliRun.RunAsync(_connector, "--json", "accounts", "list");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(["acc-1", "acc-2"], json.RootElement.EnumerateArray().Select(a => a.GetProperty("accountId").GetString()));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("trades")]
    public async Task Journal_listing_of_an_unknown_account_exits_3_with_a_message(string command)
    {
        var run = await CliRun.RunAsync(_connector, command, "ghost");

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("Account 'ghost' does not exist.", run.Error.Trim());
        Assert.Empty(run.Output);
        Assert.True(_connector.Engine.Disposed);
    }

    [Fact]
    public async Task Orders_default_to_the_newest_50_and_print_the_page_as_text()
    {
        _connector.Engine.OrderPages["acc-1"] = Snapshots.OrderPage();

        var run = await CliRun.RunAsync(_connector, "orders", "acc-1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(("acc-1", 0, 50), Assert.Single(_connector.Engine.PageRequests));
        Assert.Equal(TextFormat.Orders(Snapshots.OrderPage()), run.Output.TrimEnd());
    }

    [Fact]
    public async Task Trades_pass_the_offset_and_limit_and_print_the_page_as_json()
    {
        _connector.Engine.TradePages["acc-1"] = Snapshots.TradePage();

        var run = await CliRun.RunAsync(_connector, "trades", "acc-1", "--offset", "10", "--limit", "2", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(("acc-1", 10, 2), Assert.Single(_connector.Engine.PageRequests));
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(14, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(["P2", "P1"], json.RootElement.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("positionId").GetString()));
    }

    [Fact]
    public async Task Limit_of_500_is_accepted()
    {
        _connector.Engine.TradePages["acc-1"] = new Page<TradeRecord>([], 0, 500, 0);

        var run = await CliRun.RunAsync(_connector, "trades", "acc-1", "--limit", "500");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(("acc-1", 0, 500), Assert.Single(_connector.Engine.PageRequests));
        Assert.Equal("no trades", run.Output.Trim());
    }

    [Fact]
    public async Task Flatten_while_the_kill_switch_is_active_is_refused_with_exit_2_and_no_stack_trace()
    {
        var run = await CliRun.RunAsync(_connector, "kill-switch", "flatten");

        Assert.Equal(ExitCodes.FlattenRefused, run.ExitCode);
        Assert.StartsWith("Flatten refused: the kill-switch is active. Set it to reduceOnly or halted first", run.Error);
        Assert.Single(run.Error.Trim().Split(Environment.NewLine));
        Assert.Empty(run.Output);
        Assert.Equal(0, _connector.Engine.Flattens);
        Assert.True(_connector.Engine.Disposed);
    }

    [Fact]
    public async Task Flatten_in_reduce_only_prints_what_was_closed_and_exits_0()
    {
        _connector.Engine.KillSwitch = new KillSwitchStatus(KillSwitchState.ReduceOnly, "news", null);
        _connector.Engine.FlattenResult = new FlattenResult(3, 4, ["acc-3"]);

        var run = await CliRun.RunAsync(_connector, "kill-switch", "flatten");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(1, _connector.Engine.Flattens);
        Assert.Equal($"flatten: 3 accounts visited, 4 positions closing{Environment.NewLine}failed accounts (1): acc-3", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Flatten_when_halted_with_json_prints_the_result()
    {
        _connector.Engine.KillSwitch = new KillSwitchStatus(KillSwitchState.Halted, null, null);
        _connector.Engine.FlattenResult = new FlattenResult(2, 2, []);

        var run = await CliRun.RunAsync(_connector, "--json", "kill-switch", "flatten");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("positionsClosing").GetInt32());
        Assert.Empty(json.RootElement.GetProperty("failedAccounts").EnumerateArray());
    }
}
