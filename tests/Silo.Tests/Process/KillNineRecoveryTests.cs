using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OrleansTrading.Silo.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansTrading.Silo.Tests.OutOfProcess;

/// <summary>
/// Crash recovery of the real silo process: the silo is killed with SIGKILL (no graceful shutdown, nothing flushed
/// on the way out) and a new process is started on the same SQLite file. What the API acknowledged before the kill
/// must survive, and an open position must be protected again by the restarted silo on its own.
/// </summary>
public sealed class KillNineRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);
    private const string AccountId = "crash-va";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "silo-process-" + Guid.NewGuid().ToString("N"));
    private readonly SiloLog _log = new();

    private string DatabasePath => Path.Combine(_root, "data", "trading.db");

    [Fact]
    public async Task After_kill_9_the_restarted_silo_stops_out_an_open_position_with_no_call_to_the_account()
    {
        await WithLogOnFailureAsync(async () =>
        {
            JsonElement firstDecision;
            await using (var first = await StartSiloAsync("silo-1"))
            {
                firstDecision = await OpenLongMsftAsync(first.Http);
                await KillNineAsync(first);
            }

            await using var second = await StartSiloAsync("silo-2");

            // Only market data moves: the reminder must revive the account, which re-arms its stop.
            await second.Http.PublishQuoteAsync("MSFT", 97m, 97.05m);
            var stopped = Stopwatch.StartNew();
            var trades = await Poll.UntilAsync(
                () => JournalFile.CountAsync(DatabasePath,
                    "SELECT COUNT(*) FROM journal_trades WHERE account_id = $a AND reason = 'stopLoss';", ("$a", AccountId)),
                count => count > 0, TimeSpan.FromSeconds(25), "a stopLoss row in journal_trades after the restart");
            _log.Note($"stopLoss journaled {stopped.ElapsedMilliseconds} ms after the quote");
            Assert.Equal(1, trades);

            var account = await second.Http.GetAccountAsync(AccountId);
            _log.Note($"account after the stop: {account}");
            Assert.Equal(0, account.GetProperty("positions").GetArrayLength());
            Assert.Equal(10_000m + 10m * (97m - 100m), account.Decimal("balance"));
            Assert.Equal(1, account.GetProperty("losses").GetInt32());
            Assert.Equal(0, account.GetProperty("wins").GetInt32());

            var tradePage = await second.Http.GetJsonAsync($"/api/accounts/{AccountId}/trades");
            _log.Note($"trades: {tradePage}");
            Assert.Equal(1, tradePage.GetProperty("total").GetInt32());
            var trade = Assert.Single(tradePage.GetProperty("items").EnumerateArray());
            Assert.Equal("stopLoss", trade.String("reason"));
            Assert.Equal(10m, trade.Decimal("quantity"));
            Assert.Equal(100m, trade.Decimal("entryPrice"));
            Assert.Equal(97m, trade.Decimal("exitPrice"));
            Assert.Equal(-30m, trade.Decimal("pnl"));

            var orders = (await second.Http.GetJsonAsync($"/api/accounts/{AccountId}/orders")).GetProperty("items")
                .EnumerateArray().Select(o => o.GetProperty("order")).ToList();
            Assert.Equal(2, orders.Count);
            var entry = Assert.Single(orders, o => o.String("purpose") == "entry");
            Assert.Equal("ord-1", entry.String("orderId"));
            Assert.Equal("filled", entry.String("status"));
            Assert.Equal(10m, entry.Decimal("filledQuantity"));
            var stop = Assert.Single(orders, o => o.String("purpose") == "stopLoss");
            Assert.Equal("filled", stop.String("status"));
            Assert.Equal(10m, stop.Decimal("filledQuantity"));
            Assert.Equal(97m, stop.Decimal("averagePrice"));

            // The idempotency record survived the crash: a re-send returns the first decision and trades nothing.
            using (var resend = await second.Http.PostSignalAsync(AccountId, OpenSignal))
            {
                var again = await resend.ShouldBeJsonAsync(HttpStatusCode.OK);
                _log.Note($"re-sent e1 after the crash: {again}");
                AssertSameDecision(firstDecision, again);
            }

            var after = await second.Http.GetAccountAsync(AccountId);
            Assert.Equal(0, after.GetProperty("positions").GetArrayLength());
            Assert.Equal(9_970m, after.Decimal("balance"));
            Assert.Equal(2, await JournalFile.CountAsync(DatabasePath,
                "SELECT COUNT(*) FROM journal_fills WHERE account_id = $a;", ("$a", AccountId)));
            Assert.Equal(2, (await second.Http.GetJsonAsync($"/api/accounts/{AccountId}/orders")).GetProperty("total").GetInt32());
        });
    }

    [Fact]
    public async Task After_kill_9_an_acknowledged_position_is_intact_and_its_entry_fill_journaled_once()
    {
        await WithLogOnFailureAsync(async () =>
        {
            await using (var first = await StartSiloAsync("silo-1"))
            {
                await OpenLongMsftAsync(first.Http);
                await KillNineAsync(first);
            }

            await using var second = await StartSiloAsync("silo-2");

            // No quote after the restart: the stop cannot fire, the position must simply be there.
            var account = await second.Http.GetAccountAsync(AccountId);
            _log.Note($"account after the restart: {account}");
            var position = Assert.Single(account.GetProperty("positions").EnumerateArray());
            Assert.Equal("MSFT", position.String("symbol"));
            Assert.Equal("long", position.String("side"));
            Assert.Equal(10m, position.Decimal("quantity"));
            Assert.Equal(100m, position.Decimal("entryPrice"));
            Assert.Equal(98m, position.Decimal("stopLossPrice"));
            Assert.Equal(10_000m, account.Decimal("balance"));
            Assert.Equal(0, account.GetProperty("wins").GetInt32() + account.GetProperty("losses").GetInt32());

            var fills = await JournalFile.RowsAsync(DatabasePath,
                "SELECT order_id, side, quantity, price FROM journal_fills WHERE account_id = $a;", ("$a", AccountId));
            var fill = Assert.Single(fills);
            Assert.Equal("ord-1", fill["order_id"]);
            Assert.Equal("buy", fill["side"]);
            Assert.Equal(10m, decimal.Parse((string)fill["quantity"]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(100m, decimal.Parse((string)fill["price"]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, await JournalFile.CountAsync(DatabasePath,
                "SELECT COUNT(*) FROM journal_trades WHERE account_id = $a;", ("$a", AccountId)));
        });
    }

    private static object OpenSignal => TestApi.Signal("e1", "MSFT", "buy", 10m, "open");

    /// <summary>Creates the account, quotes MSFT 99.95/100 and opens 10 long: filled at 100, stop at 98.</summary>
    private async Task<JsonElement> OpenLongMsftAsync(HttpClient http)
    {
        using (var created = await http.PostAccountAsync(AccountId, 10_000m))
        {
            await created.ShouldBeJsonAsync(HttpStatusCode.Created);
        }

        await http.PublishQuoteAsync("MSFT", 99.95m, 100m);
        using var response = await http.PostSignalAsync(AccountId, OpenSignal);
        var decision = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal("accepted", decision.String("status"));
        Assert.Equal(10m, decision.Decimal("filledQuantity"));
        Assert.Equal(100m, decision.Decimal("averagePrice"));
        Assert.Equal(98m, decision.Decimal("stopLossPrice"));
        _log.Note($"open acknowledged: {decision}");
        return decision;
    }

    private async Task KillNineAsync(SiloProcess silo)
    {
        var exitCode = await silo.KillAsync();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Assert.Equal(128 + 9, exitCode); // killed by SIGKILL, not a shutdown
        }
    }

    private Task<SiloProcess> StartSiloAsync(string name) =>
        SiloProcess.StartAsync(name, DatabasePath, Path.Combine(_root, name), _log, HealthTimeout);

    private static void AssertSameDecision(JsonElement expected, JsonElement actual)
    {
        var expectedNames = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var actualNames = actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedNames, actualNames);
        foreach (var property in expected.EnumerateObject())
        {
            var other = actual.GetProperty(property.Name);
            if (property.Value.ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(property.Value.GetDecimal(), other.GetDecimal());
            }
            else
            {
                Assert.Equal(property.Value.ToString(), other.ToString());
            }
        }
    }


    /// <summary>Any failure carries the log of every silo process of the test; the log also goes to the test output.</summary>
    private async Task WithLogOnFailureAsync(Func<Task> body)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}{_log.Dump()}", ex);
        }
        finally
        {
            _log.Note($"test body took {watch.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(_log.ToString());
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
