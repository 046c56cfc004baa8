using System.Text.Json;
using OrleansTrading.Abstractions;
using OrleansTrading.Client.Output;

namespace OrleansTrading.Client.Tests;

public sealed class DecisionFormattingTests
{
    private static readonly SignalDecision Accepted =
        new(SignalStatus.Accepted, OrderId: "sig-abc", FilledQuantity: 10m, AveragePrice: 100.0500m, StopLossPrice: 98.049m);

    private static readonly SignalDecision Rejected = SignalDecision.Rejected(RejectionReason.SpreadTooWide, "Spread is 25 bps (max 10 bps).");

    [Fact]
    public void Rejected_decision_as_json_has_camel_case_status_and_reason_and_no_execution_fields()
    {
        var json = JsonOutput.Serialize(Rejected);

        using var document = JsonDocument.Parse(json);
        var properties = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["status"] = "rejected",
            ["reason"] = "spreadTooWide",
            ["detail"] = "Spread is 25 bps (max 10 bps).",
        }, properties);
    }

    [Fact]
    public void Json_money_has_no_trailing_zeros()
    {
        var json = JsonOutput.Serialize(Accepted with { StopLossPrice = 98.0490m, FilledQuantity = 10.000m });

        Assert.Contains("\"averagePrice\": 100.05,", json, StringComparison.Ordinal);
        Assert.Contains("\"stopLossPrice\": 98.049", json, StringComparison.Ordinal);
        Assert.Contains("\"filledQuantity\": 10,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepted_decision_as_json_has_its_execution_and_no_reason()
    {
        var json = JsonOutput.Serialize(Accepted);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("accepted", root.GetProperty("status").GetString());
        Assert.Equal("sig-abc", root.GetProperty("orderId").GetString());
        Assert.Equal(10m, root.GetProperty("filledQuantity").GetDecimal());
        Assert.Equal(100.05m, root.GetProperty("averagePrice").GetDecimal());
        Assert.Equal(98.049m, root.GetProperty("stopLossPrice").GetDecimal());
        Assert.False(root.TryGetProperty("reason", out _));
        Assert.False(root.TryGetProperty("realizedPnl", out _));
    }

    [Fact]
    public void Rejected_decision_as_text_is_the_reason_code_and_the_detail()
    {
        Assert.Equal("rejected: spreadTooWide - Spread is 25 bps (max 10 bps).", TextFormat.Decision(Rejected));
    }

    [Fact]
    public void Accepted_decision_as_text_shows_fill_and_stop_without_trailing_zeros()
    {
        Assert.Equal("accepted: order sig-abc filled 10 @ 100.05, stop-loss 98.049", TextFormat.Decision(Accepted));
    }

    [Fact]
    public void Accepted_exit_as_text_shows_the_realized_pnl()
    {
        var exit = new SignalDecision(SignalStatus.Accepted, OrderId: "sig-x", FilledQuantity: 10m, AveragePrice: 101m, RealizedPnl: -9.5m);

        Assert.Equal("accepted: order sig-x filled 10 @ 101, realized pnl -9.5", TextFormat.Decision(exit));
    }

    [Theory]
    [InlineData(RejectionReason.KillSwitch, "killSwitch")]
    [InlineData(RejectionReason.OutsideTradingWindow, "outsideTradingWindow")]
    [InlineData(RejectionReason.SymbolLocked, "symbolLocked")]
    [InlineData(RejectionReason.VenueRejected, "venueRejected")]
    public void Reason_codes_are_the_same_in_text_and_json(RejectionReason reason, string code)
    {
        var decision = SignalDecision.Rejected(reason, "why");

        Assert.StartsWith($"rejected: {code} - ", TextFormat.Decision(decision));
        Assert.Contains($"\"reason\": \"{code}\"", JsonOutput.Serialize(decision));
    }
}
