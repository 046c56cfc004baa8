using System.Text.Json;
using OrleansTrading.Abstractions;
using OrleansTrading.Client.Output;
using OrleansTrading.Client.Tests.Support;

namespace OrleansTrading.Client.Tests;

/// <summary>How the journal listings (orders, trades) and a flatten's result read, as text and as JSON.</summary>
public sealed class JournalFormattingTests
{
    [Fact]
    public void Order_page_as_text_has_one_line_per_order_and_its_status_changes_indented()
    {
        var lines = TextFormat.Orders(Snapshots.OrderPage()).Split(Environment.NewLine);

        Assert.Equal(
        [
            "orders 1-2 of 2, newest first",
            "ord-2  stopLoss sell 10 AAPL  partiallyFilled  4/10 @ 98.04  created 2025-01-02T15:00:00.000Z",
            "    2025-01-02T15:00:00.000Z  pending  0/10",
            "    2025-01-02T15:01:00.000Z  partiallyFilled  4/10 - thin book",
            "ord-1  entry buy 10 AAPL  filled  10/10 @ 100.05  created 2025-01-02T14:35:00.000Z",
            "    2025-01-02T14:35:00.000Z  filled  10/10",
        ], lines);
    }

    [Fact]
    public void Order_page_as_json_is_camel_case_with_enum_codes_and_the_paging()
    {
        using var document = JsonDocument.Parse(JsonOutput.Serialize(Snapshots.OrderPage()));
        var root = document.RootElement;

        Assert.Equal((0, 50, 2), (root.GetProperty("offset").GetInt32(), root.GetProperty("limit").GetInt32(), root.GetProperty("total").GetInt32()));
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var order = items[0].GetProperty("order");
        Assert.Equal("ord-2", order.GetProperty("orderId").GetString());
        Assert.Equal("stopLoss", order.GetProperty("purpose").GetString());
        Assert.Equal("sell", order.GetProperty("side").GetString());
        Assert.Equal("partiallyFilled", order.GetProperty("status").GetString());
        Assert.True(order.GetProperty("reduceOnly").GetBoolean());
        Assert.Equal(4m, order.GetProperty("filledQuantity").GetDecimal());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("limitPrice").ValueKind);
        Assert.Equal("P1", order.GetProperty("positionId").GetString());
        Assert.Equal("2025-01-02T15:00:00+00:00", order.GetProperty("createdAt").GetString());
        var history = items[0].GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["pending", "partiallyFilled"], history.Select(h => h.GetProperty("status").GetString()));
        Assert.Equal("thin book", history[1].GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, history[0].GetProperty("note").ValueKind);
    }

    [Fact]
    public void Trade_page_as_text_has_one_line_per_trade_from_entry_to_exit()
    {
        var lines = TextFormat.Trades(Snapshots.TradePage()).Split(Environment.NewLine);

        Assert.Equal(
        [
            "trades 11-12 of 14, newest first",
            "2025-01-02T16:30:00.000Z  P2 short 2.5 MSFT  400.1 -> 404.11  pnl -10.0275  stopLoss",
            "2025-01-02T15:15:00.000Z  P1 long 10 AAPL  100.05 -> 101  pnl 9.5  signal",
        ], lines);
    }

    [Fact]
    public void Trade_page_as_json_is_camel_case_with_enum_codes_and_the_paging()
    {
        using var document = JsonDocument.Parse(JsonOutput.Serialize(Snapshots.TradePage()));
        var root = document.RootElement;

        Assert.Equal((10, 2, 14), (root.GetProperty("offset").GetInt32(), root.GetProperty("limit").GetInt32(), root.GetProperty("total").GetInt32()));
        var trade = root.GetProperty("items").EnumerateArray().First();
        Assert.Equal("T2", trade.GetProperty("tradeId").GetString());
        Assert.Equal("P2", trade.GetProperty("positionId").GetString());
        Assert.Equal("short", trade.GetProperty("side").GetString());
        Assert.Equal("stopLoss", trade.GetProperty("reason").GetString());
        Assert.Equal(404.11m, trade.GetProperty("exitPrice").GetDecimal());
        Assert.Equal(-10.0275m, trade.GetProperty("pnl").GetDecimal());
        Assert.Equal("2025-01-02T16:30:00+00:00", trade.GetProperty("closedAt").GetString());
    }

    [Fact]
    public void Empty_pages_say_so_and_where_they_start()
    {
        Assert.Equal("no trades", TextFormat.Trades(new Page<TradeRecord>([], 0, 50, 0)));
        Assert.Equal("no orders at offset 100 (7 in total)", TextFormat.Orders(new Page<OrderHistory>([], 100, 50, 7)));
    }

    [Fact]
    public void Flatten_as_text_counts_accounts_and_positions_and_names_failed_accounts()
    {
        Assert.Equal("flatten: 1 account visited, 0 positions closing", TextFormat.Flatten(new FlattenResult(1, 0, [])));
        Assert.Equal(
            $"flatten: 3 accounts visited, 1 position closing{Environment.NewLine}failed accounts (2): acc-2, acc-3",
            TextFormat.Flatten(new FlattenResult(3, 1, ["acc-2", "acc-3"])));
    }

    [Fact]
    public void Flatten_as_json_is_camel_case()
    {
        using var document = JsonDocument.Parse(JsonOutput.Serialize(new FlattenResult(3, 5, ["acc-2"])));
        var root = document.RootElement;

        Assert.Equal(3, root.GetProperty("accounts").GetInt32());
        Assert.Equal(5, root.GetProperty("positionsClosing").GetInt32());
        Assert.Equal(["acc-2"], root.GetProperty("failedAccounts").EnumerateArray().Select(a => a.GetString()));
    }
}
