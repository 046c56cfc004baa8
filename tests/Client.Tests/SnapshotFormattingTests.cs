using System.Globalization;
using System.Text.Json;
using OrleansTrading.Abstractions;
using OrleansTrading.Client.Output;
using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

public sealed class SnapshotFormattingTests
{
    [Fact]
    public void Snapshot_as_json_is_camel_case_with_enum_names_and_explicit_nulls()
    {
        var snapshot = Snapshots.Account("acc-1", 9_000m, Snapshots.LongAapl());

        using var document = JsonDocument.Parse(JsonOutput.Serialize(snapshot));
        var root = document.RootElement;
        Assert.Equal("acc-1", root.GetProperty("accountId").GetString());
        Assert.Equal(9_000m, root.GetProperty("balance").GetDecimal());
        Assert.Equal(8_999.70m, root.GetProperty("equity").GetDecimal());
        Assert.Equal("AAPL", root.GetProperty("activeSymbol").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cooldownUntil").ValueKind);
        Assert.Equal("2025-01-02T14:30:00+00:00", root.GetProperty("createdAt").GetString());
        var position = Assert.Single(root.GetProperty("positions").EnumerateArray().ToList());
        Assert.Equal("long", position.GetProperty("side").GetString());
        Assert.Equal(100.05m, position.GetProperty("entryPrice").GetDecimal());
        Assert.Equal("P1", position.GetProperty("positionId").GetString());
    }

    [Fact]
    public void Snapshot_as_text_shows_money_performance_and_each_position()
    {
        var snapshot = Snapshots.Account("acc-1", 9_000m, Snapshots.LongAapl());

        var lines = TextFormat.Account(snapshot).Split(Environment.NewLine);

        Assert.Equal(
        [
            "account acc-1 (created 2025-01-02T14:30:00.000Z)",
            "  balance 9000  equity 8999.7  initial 9000",
            "  pnl realized 0  unrealized -0.3",
            "  trades won 0  lost 0  consecutive losses 0",
            "  drawdown 0  max 0  peak equity 9000",
            "  positions (AAPL):",
            "    P1 long 10 AAPL @ 100.05  now 100.02  stop 98.049  unrealized -0.3",
        ], lines);
    }

    [Fact]
    public void A_position_line_says_when_its_stop_waits_for_a_fresh_quote_or_is_exiting()
    {
        var waiting = Snapshots.LongAapl() with { StopStatus = StopStatus.WaitingForFreshQuote, QuoteAgeMs = 1_250 };
        var exiting = Snapshots.LongAapl() with { StopStatus = StopStatus.Exiting };

        Assert.Equal("P1 long 10 AAPL @ 100.05  now 100.02  stop 98.049 waiting for a fresh quote (quote 1250 ms old)  unrealized -0.3",
            TextFormat.Position(waiting));
        Assert.Equal("P1 long 10 AAPL @ 100.05  now 100.02  stop 98.049 exiting  unrealized -0.3", TextFormat.Position(exiting));
    }

    [Fact]
    public void Snapshot_as_json_names_the_stop_status_in_camel_case()
    {
        var snapshot = Snapshots.Account("acc-1", 9_000m, Snapshots.LongAapl() with { StopStatus = StopStatus.WaitingForFreshQuote, QuoteAgeMs = 900 });

        using var document = JsonDocument.Parse(JsonOutput.Serialize(snapshot));
        var position = Assert.Single(document.RootElement.GetProperty("positions").EnumerateArray().ToList());
        Assert.Equal("waitingForFreshQuote", position.GetProperty("stopStatus").GetString());
        Assert.Equal(900, position.GetProperty("quoteAgeMs").GetInt64());
    }

    [Fact]
    public void Snapshot_as_text_says_when_there_are_no_positions_and_shows_a_cooldown()
    {
        var snapshot = Snapshots.Account() with { CooldownUntil = new DateTimeOffset(2025, 1, 2, 16, 0, 0, TimeSpan.FromHours(1)) };

        var text = TextFormat.Account(snapshot);

        Assert.Contains("  cooldown until 2025-01-02T15:00:00.000Z", text);
        Assert.EndsWith("  positions: none", text);
    }

    [Fact]
    public void Text_numbers_do_not_depend_on_the_machine_culture()
    {
        var original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var text = TextFormat.Account(Snapshots.Account("acc-1", 1_234.5m));

            Assert.Contains("balance 1234.5  equity 1234.5", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Account_list_as_text_has_one_line_per_account()
    {
        var accounts = new List<AccountSnapshot> { Snapshots.Account("acc-1", 9_000m, Snapshots.LongAapl()), Snapshots.Account("acc-2", 500m) };

        Assert.Equal(
            $"acc-1  balance 9000  equity 8999.7  positions 1 in AAPL{Environment.NewLine}acc-2  balance 500  equity 500  positions 0",
            TextFormat.Accounts(accounts));
        Assert.Equal("no accounts", TextFormat.Accounts([]));
    }

    [Fact]
    public void Quote_as_text_and_json_shows_prices_and_time()
    {
        var quote = new Quote("AAPL", 100m, 100.05m, new DateTimeOffset(2025, 1, 2, 14, 30, 0, 250, TimeSpan.Zero), AskSize: 200m);

        Assert.Equal("AAPL  bid 100  ask 100.05  mid 100.025  size - x 200  at 2025-01-02T14:30:00.250Z", TextFormat.Quote(quote));
        using var document = JsonDocument.Parse(JsonOutput.Serialize(quote));
        Assert.Equal(100.05m, document.RootElement.GetProperty("ask").GetDecimal());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("bidSize").ValueKind);
    }

    [Fact]
    public void Kill_switch_as_json_uses_the_camel_case_state()
    {
        var status = new KillSwitchStatus(KillSwitchState.ReduceOnly, "news", null);

        using var document = JsonDocument.Parse(JsonOutput.Serialize(status));
        Assert.Equal("reduceOnly", document.RootElement.GetProperty("state").GetString());
        Assert.Equal("kill-switch reduceOnly - news", TextFormat.KillSwitch(status));
    }
}
