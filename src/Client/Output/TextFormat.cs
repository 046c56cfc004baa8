using System.Globalization;
using System.Text;
using OrleansTrading.Abstractions;
using OrleansTrading.Abstractions.Json;

namespace OrleansTrading.Client.Output;

/// <summary>Short human-readable renderings; numbers and times are culture-invariant so output is the same everywhere.</summary>
public static class TextFormat
{
    public static string Decision(SignalDecision decision)
    {
        if (decision.Status == SignalStatus.Rejected)
        {
            var reason = decision.Reason is { } r ? Code(r) : "unknown";
            return string.IsNullOrWhiteSpace(decision.Detail) ? $"rejected: {reason}" : $"rejected: {reason} - {decision.Detail}";
        }

        var text = new StringBuilder($"accepted: order {decision.OrderId ?? "-"}");
        if (decision.FilledQuantity is { } filled)
        {
            text.Append($" filled {Number(filled)}");
        }

        if (decision.AveragePrice is { } price)
        {
            text.Append($" @ {Number(price)}");
        }

        if (decision.StopLossPrice is { } stop)
        {
            text.Append($", stop-loss {Number(stop)}");
        }

        if (decision.RealizedPnl is { } pnl)
        {
            text.Append($", realized pnl {Number(pnl)}");
        }

        return text.ToString();
    }

    public static string Account(AccountSnapshot account)
    {
        var text = new StringBuilder();
        text.AppendLine($"account {account.AccountId} (created {Time(account.CreatedAt)})");
        text.AppendLine($"  balance {Number(account.Balance)}  equity {Number(account.Equity)}  initial {Number(account.InitialBalance)}");
        text.AppendLine($"  pnl realized {Number(account.RealizedPnl)}  unrealized {Number(account.UnrealizedPnl)}");
        text.AppendLine($"  trades won {account.Wins}  lost {account.Losses}  consecutive losses {account.ConsecutiveLosses}");
        text.AppendLine($"  drawdown {Number(account.Drawdown)}  max {Number(account.MaxDrawdown)}  peak equity {Number(account.PeakEquity)}");
        if (account.CooldownUntil is { } cooldown)
        {
            text.AppendLine($"  cooldown until {Time(cooldown)}");
        }

        foreach (var held in account.Locks ?? [])
        {
            text.AppendLine($"  locked: {Lock(held)}");
        }

        if (account.Positions.Count == 0)
        {
            text.Append("  positions: none");
        }
        else
        {
            text.Append($"  positions ({account.ActiveSymbol}):");
            foreach (var position in account.Positions)
            {
                text.AppendLine();
                text.Append($"    {Position(position)}");
            }
        }

        return text.ToString();
    }

    public static string Position(PositionSnapshot position)
    {
        var current = position.CurrentPrice is { } price ? Number(price) : "no quote";
        var trailing = position.TrailingStopPercent is { } percent ? $" (trailing {Number(percent)}%)" : "";
        var stop = position.StopStatus switch
        {
            StopStatus.WaitingForFreshQuote => $" waiting for a fresh quote (quote {position.QuoteAgeMs} ms old)",
            StopStatus.Exiting => " exiting",
            _ => "", // armed: the normal case says nothing
        };
        return $"{position.PositionId} {Code(position.Side)} {Number(position.Quantity)} {position.Symbol} @ {Number(position.EntryPrice)}" +
               $"  now {current}  stop {Number(position.StopLossPrice)}{trailing}{stop}  unrealized {Number(position.UnrealizedPnl)}";
    }

    public static string AccountLine(AccountSnapshot account) =>
        $"{account.AccountId}  balance {Number(account.Balance)}  equity {Number(account.Equity)}  " +
        $"positions {account.Positions.Count}{(account.ActiveSymbol is { } symbol ? $" in {symbol}" : "")}";

    public static string Accounts(IReadOnlyList<AccountSnapshot> accounts) =>
        accounts.Count == 0 ? "no accounts" : string.Join(Environment.NewLine, accounts.Select(AccountLine));

    public static string Quote(Quote quote)
    {
        var sizes = quote.BidSize is null && quote.AskSize is null
            ? ""
            : $"  size {(quote.BidSize is { } bid ? Number(bid) : "-")} x {(quote.AskSize is { } ask ? Number(ask) : "-")}";
        return $"{quote.Symbol}  bid {Number(quote.Bid)}  ask {Number(quote.Ask)}  mid {Number(quote.Mid)}{sizes}  at {Time(quote.Timestamp)}";
    }

    public static string KillSwitch(KillSwitchStatus status)
    {
        var text = $"kill-switch {Code(status.State)}";
        if (!string.IsNullOrWhiteSpace(status.Reason))
        {
            text += $" - {status.Reason}";
        }

        return status.ChangedAt is { } changed ? $"{text} (since {Time(changed)})" : text;
    }

    /// <summary>A page of orders: a header saying which slice it is, then each order with its status changes indented below it.</summary>
    public static string Orders(Page<OrderHistory> page)
    {
        var text = new StringBuilder(PageHeader(page, "orders"));
        foreach (var entry in page.Items)
        {
            text.AppendLine();
            text.Append(Order(entry.Order));
            foreach (var change in entry.History)
            {
                text.AppendLine();
                text.Append($"    {StatusChange(change, entry.Order.Quantity)}");
            }
        }

        return text.ToString();
    }

    /// <summary><c>ord-1  entry buy 10 AAPL  filled  10/10 @ 100.05  created 2025-01-02T14:35:00.000Z</c>: filled/ordered quantity, then the average fill price.</summary>
    public static string Order(OrderSnapshot order)
    {
        var average = order.AveragePrice is { } price ? $" @ {Number(price)}" : "";
        return $"{order.OrderId}  {Code(order.Purpose)} {Code(order.Side)} {Number(order.Quantity)} {order.Symbol}  {Code(order.Status)}" +
               $"  {Number(order.FilledQuantity)}/{Number(order.Quantity)}{average}  created {Time(order.CreatedAt)}";
    }

    public static string StatusChange(OrderStatusChange change, decimal quantity)
    {
        var note = string.IsNullOrWhiteSpace(change.Note) ? "" : $" - {change.Note}";
        return $"{Time(change.At)}  {Code(change.Status)}  {Number(change.FilledQuantity)}/{Number(quantity)}{note}";
    }

    /// <summary>A page of closed trades: a header saying which slice it is, then one line per trade.</summary>
    public static string Trades(Page<TradeRecord> page)
    {
        var text = new StringBuilder(PageHeader(page, "trades"));
        foreach (var trade in page.Items)
        {
            text.AppendLine();
            text.Append(Trade(trade));
        }

        return text.ToString();
    }

    public static string Trade(TradeRecord trade) =>
        $"{Time(trade.ClosedAt)}  {trade.PositionId} {Code(trade.Side)} {Number(trade.Quantity)} {trade.Symbol}" +
        $"  {Number(trade.EntryPrice)} -> {Number(trade.ExitPrice)}  pnl {Number(trade.Pnl)}  {Code(trade.Reason)}";

    /// <summary>A page of an account's decisions: a header saying which slice it is, then one line per decision.</summary>
    public static string Decisions(Page<DecisionRecord> page)
    {
        var text = new StringBuilder(PageHeader(page, "decisions"));
        foreach (var decision in page.Items)
        {
            text.AppendLine();
            text.Append(DecisionLine(decision, withAccount: false));
        }

        return text.ToString();
    }

    /// <summary>The latest decisions across accounts, newest first, each line naming its account.</summary>
    public static string LatestDecisions(IReadOnlyList<DecisionRecord> decisions) =>
        decisions.Count == 0
            ? "no decisions"
            : string.Join(Environment.NewLine, decisions.Select(d => DecisionLine(d, withAccount: true)));

    /// <summary><c>2025-01-02T14:35:00.000Z  s-1  open buy 10 AAPL  rejected staleQuote - Quote is 900 ms old</c></summary>
    public static string DecisionLine(DecisionRecord decision, bool withAccount)
    {
        var account = withAccount ? $"{decision.AccountId}  " : "";
        var signal = decision.HasSignalContent
            ? $"{Code(decision.Action)} {Code(decision.Side)} {Number(decision.Quantity)} {decision.Symbol}"
            : "(signal content not recorded)";
        var outcome = decision.Status == SignalStatus.Accepted
            ? $"accepted {decision.OrderId}" + (decision.FilledQuantity is { } filled ? $" filled {Number(filled)}" : "") +
              (decision.AveragePrice is { } price ? $" @ {Number(price)}" : "")
            : $"rejected {(decision.Reason is { } reason ? Code(reason) : "")}" + (string.IsNullOrWhiteSpace(decision.Detail) ? "" : $" - {decision.Detail}");
        return $"{Time(decision.DecidedAt)}  {account}{decision.SignalId}  {signal}  {outcome}";
    }

    /// <summary><c>orders 1-50 of 120, newest first</c>; <c>no orders</c>; <c>no orders at offset 200 (120 in total)</c>.</summary>
    public static string PageHeader<T>(Page<T> page, string noun)
    {
        if (page.Items.Count > 0)
        {
            return $"{noun} {page.Offset + 1}-{page.Offset + page.Items.Count} of {page.Total}, newest first";
        }

        return page.Total == 0 ? $"no {noun}" : $"no {noun} at offset {page.Offset} ({page.Total} in total)";
    }

    public static string Flatten(FlattenResult result)
    {
        var text = $"flatten: {result.Accounts} {Plural(result.Accounts, "account")} visited, " +
                   $"{result.PositionsClosing} {Plural(result.PositionsClosing, "position")} closing";
        return result.FailedAccounts.Count == 0
            ? text
            : $"{text}{Environment.NewLine}failed accounts ({result.FailedAccounts.Count}): {string.Join(", ", result.FailedAccounts)}";
    }

    /// <summary><c>dailyLossLimit until 2026-12-02T14:30:00.000Z - daily loss 5.2 % ≥ 5 % limit; ...</c></summary>
    public static string Lock(LimitLock held)
    {
        var scope = held.Symbol is { } symbol ? $" {symbol}" : "";
        var until = held.Until is { } u ? $" until {Time(u)}" : " until reset";
        return $"{Code(held.Reason)}{scope}{until} - {held.Detail}";
    }

    /// <summary>Each limit with its value and source, then the usage, the locks and the latest limit events.</summary>
    public static string Limits(AccountLimits limits)
    {
        var l = limits.Limits;
        var text = new StringBuilder();
        text.AppendLine($"limits of {limits.AccountId}");
        void Row<T>(string name, LimitValue<T> value, Func<T, string> show) =>
            text.AppendLine($"  {name,-22} {show(value.Value),-12} {Code(value.Source)}");
        Row("maxNotionalPerOrder", l.MaxNotionalPerOrder, Number);
        Row("maxQuantityPerOrder", l.MaxQuantityPerOrder, v => v is { } q ? Number(q) : "none");
        Row("maxSignalsPerMinute", l.MaxSignalsPerMinute, v => v.ToString(CultureInfo.InvariantCulture));
        Row("dailyLossPercent", l.DailyLossPercent, Number);
        Row("flattenOnDailyLoss", l.FlattenOnDailyLoss, v => v ? "true" : "false");
        Row("maxDrawdownPercent", l.MaxDrawdownPercent, Number);
        Row("stopLossGuardCount", l.StopLossGuardCount, v => v.ToString(CultureInfo.InvariantCulture));
        Row("stopLossGuardWindow", l.StopLossGuardWindow, v => v.ToString("c", CultureInfo.InvariantCulture));
        Row("stopLossGuardLockFor", l.StopLossGuardLockFor, v => v.ToString("c", CultureInfo.InvariantCulture));
        var u = limits.Usage;
        text.AppendLine($"  signals this minute {u.SignalsThisMinute}");
        text.AppendLine($"  trading day {Time(u.TradingDayStart)} - {Time(u.TradingDayEnd)}: started at equity {Number(u.DayStartEquity)}, " +
                        $"equity {Number(u.Equity)}, loss {Number(u.TodayLoss)} ({Number(decimal.Round(u.TodayLossPercent, 4))} %)");
        text.AppendLine($"  drawdown {Number(decimal.Round(u.DrawdownPercent, 4))} % from peak equity {Number(u.PeakEquity)}");
        if (u.RecentStopOuts.Count > 0)
        {
            text.AppendLine($"  recent stop-outs: {string.Join(", ", u.RecentStopOuts.Select(s => $"{s.Symbol} at {Time(s.At)}"))}");
        }

        text.Append(u.Locks.Count == 0 ? "  locks: none" : "  locks:");
        foreach (var held in u.Locks)
        {
            text.AppendLine();
            text.Append($"    {Lock(held)}");
        }

        foreach (var e in limits.Events)
        {
            text.AppendLine();
            text.Append($"  {Time(e.At)}  {e.Kind} - {e.Detail}");
        }

        return text.ToString();
    }

    public static string Portfolio(PortfolioSummary p)
    {
        var text = new StringBuilder();
        text.AppendLine($"portfolio of {p.Accounts} {Plural(p.Accounts, "account")}: equity {Number(p.Equity)}  pnl realized {Number(p.RealizedPnl)}  unrealized {Number(p.UnrealizedPnl)}");
        var tripped = p.KillSwitchTrippedToday ? " - the kill-switch went to reduceOnly today" : "";
        text.AppendLine($"  today's loss {Number(p.TodayLoss)} of starting equity {Number(p.DayStartEquity)}: " +
                        $"{Number(decimal.Round(p.TodayLossPercent, 4))} % (limit {Number(p.DailyLossLimitPercent)} %){tripped}");
        text.Append($"  gross exposure {Number(p.GrossExposure)} of {Number(p.MaxGrossExposure)}");
        foreach (var symbol in p.Symbols)
        {
            text.AppendLine();
            text.Append($"    {symbol.Symbol}  {Number(symbol.Gross)} of {Number(symbol.Limit)}  ({symbol.Accounts} {Plural(symbol.Accounts, "account")})");
        }

        return text.ToString();
    }

    /// <summary>An enum as its public camelCase code (<c>spreadTooWide</c>, <c>reduceOnly</c>), as in JSON.</summary>
    public static string Code<T>(T value)
        where T : struct, Enum => WireName.Of(value);

    /// <summary>A decimal without trailing zeros or exponent: 100.0500 → 100.05.</summary>
    public static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Plural(int count, string noun) => count == 1 ? noun : $"{noun}s";
}
