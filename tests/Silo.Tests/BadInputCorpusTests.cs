using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary>
/// Many hostile or sloppy requests against every endpoint: each is answered 4xx with a ProblemDetails that says
/// what is wrong, the silo stays healthy, and the SQLite file (and its write-ahead log) is byte-for-byte the same.
/// </summary>
public sealed class BadInputCorpusTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private const string Account = "corpus-account";
    private const string Symbol = "CORP";

    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Method, path, JSON body (null for none). Every entry must be refused.</summary>
    private static readonly (string Method, string Path, string? Body)[] Corpus =
    [
        // Accounts
        ("POST", "/api/accounts", """{"accountId":"m1\n","initialBalance":1000}"""),
        ("POST", "/api/accounts", """{"accountId":".","initialBalance":1000}"""),
        ("POST", "/api/accounts", """{"accountId":"..","initialBalance":1000}"""),
        ("POST", "/api/accounts", """{"accountId":"a\u0000b","initialBalance":1000}"""),
        ("POST", "/api/accounts", """{"accountId":"ok-1","initialBalance":"1000"}"""),
        ("POST", "/api/accounts", """{"accountId":"ok-2","initialBalance":1000,"initialBalanc":5}"""),
        ("POST", "/api/accounts", """{"accountId":"ok-3","initialBalance":1e-28}"""),
        ("POST", "/api/accounts", """{"accountId":"ok-4","initialBalance":79228162514264337593543950335}"""),
        ("POST", "/api/accounts", """{"accountId":"ok-5","initialBalance":1e30}"""),
        ("POST", "/api/accounts", """{"accountId":"ok-6","initialBalance":1000,"accountId":"ok-7"}"""),
        ("POST", "/api/accounts", """{"accountId":"ok-8","initialBalance":-1}"""),
        ("POST", "/api/accounts", """[]"""),
        ("POST", "/api/accounts", """{"accountId":"ok-9","""),
        ("POST", "/api/accounts", "null"),
        ("POST", "/api/accounts", $$"""{"accountId":"{{Account}}","initialBalance":5}"""),
        ("GET", "/api/accounts/m1%0A", null),
        ("GET", "/api/accounts/no-such-account", null),

        // Signals
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"s\n","symbol":"CORP","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"s\u001b[2J","symbol":"CORP","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":" ","symbol":"CORP","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", $$"""{"signalId":"{{new string('s', 129)}}","symbol":"CORP","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c1","symbol":"CORP\n","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c2","symbol":"..","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c3","symbol":"CORP","side":"buy,sell","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c4","symbol":"CORP","side":"1","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c5","symbol":"CORP","side":"+1","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c6","symbol":"CORP","side":1,"quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c7","symbol":"CORP","side":"buy","quantity":1,"action":"open,close"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c8","symbol":"CORP","side":"buy","quantity":1e-28,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c9","symbol":"CORP","side":"buy","quantity":79228162514264337593543950335,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c10","symbol":"CORP","side":"buy","quantity":"1","action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c11","symbol":"CORP","side":"buy","quantity":0,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c12","symbol":"CORP","side":"buy","quantity":1,"action":"open","stopLossPct":5}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c13","symbol":"CORP","side":"buy","quantity":1,"action":"open","stopLossPercent":100}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c14","symbol":"CORP","side":"buy","quantity":1,"action":"open","trailingStopPercent":"1"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c15","signalId":"c16","symbol":"CORP","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", $"/api/accounts/{Account}/signals", """{"signalId":"c17","symbol":"CORP","""),
        ("POST", $"/api/accounts/{Account}/signals", "[1,2,3]"),
        ("POST", $"/api/accounts/{Account}/signals", "{}"),
        ("POST", "/api/accounts/m1%0A/signals", """{"signalId":"c18","symbol":"CORP","side":"buy","quantity":1,"action":"open"}"""),
        ("POST", "/api/accounts/no-such-account/signals", """{"signalId":"c19","symbol":"CORP","side":"buy","quantity":1,"action":"open"}"""),

        // Quotes
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":"100","ask":100.05}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":1000000000}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":79228162514264337593543950335}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":1e30}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":1000,"ask":1000.05}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":100.05,"timestamp":"9999-12-31T00:00:00Z"}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":100.05,"timestamp":"2000-01-01T00:00:00Z"}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":100.05,"timestamp":"yesterday"}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":100.05,"bidSz":1}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":99}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":0.000000001,"ask":100}"""),
        ("PUT", $"/api/quotes/{Symbol}", """{"bid":100,"ask":100.05,"askSize":-1}"""),
        ("PUT", "/api/quotes/CORP%0A", """{"bid":100,"ask":100.05}"""),
        ("GET", "/api/quotes/CORP%0A", null),

        // Kill-switch
        ("PUT", "/api/kill-switch", """{"state":"+2"}"""),
        ("PUT", "/api/kill-switch", """{"state":"active,halted"}"""),
        ("PUT", "/api/kill-switch", """{"state":2}"""),
        ("PUT", "/api/kill-switch", """{"state":"halted","reason":"a\nWARN forged"}"""),
        ("PUT", "/api/kill-switch", """{"state":"halted","reasn":"typo"}"""),
        ("PUT", "/api/kill-switch", $$"""{"state":"halted","reason":"{{new string('r', 501)}}"}"""),
        ("POST", "/api/kill-switch/flatten", null),

        // Journal listings
        ("GET", $"/api/accounts/{Account}/orders?limit=0", null),
        ("GET", $"/api/accounts/{Account}/orders?offset=-1", null),
        ("GET", $"/api/accounts/{Account}/trades?limit=abc", null),
        ("GET", $"/api/accounts/{Account}/trades?limit=501", null),
        ("GET", "/api/accounts/m1%0A/trades", null),
        ("GET", "/api/accounts/no-such-account/orders", null),
        ("GET", $"/api/accounts/{Account}/decisions?status=accepted,rejected", null),
        ("GET", $"/api/accounts/{Account}/decisions?status=1", null),
        ("GET", $"/api/accounts/{Account}/decisions?status=", null),
        ("GET", $"/api/accounts/{Account}/decisions?limit=0", null),
        ("GET", "/api/accounts/m1%0A/decisions", null),
        ("GET", "/api/decisions?limit=501", null),

        // Limits
        ("PUT", $"/api/accounts/{Account}/limits", null),
        ("PUT", $"/api/accounts/{Account}/limits", "null"),
        ("PUT", $"/api/accounts/{Account}/limits", "{}"),
        ("PUT", $"/api/accounts/{Account}/limits", "[]"),
        ("PUT", $"/api/accounts/{Account}/limits", """{"maxNotionalPerOrder":"5000"}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"maxNotionalPerOrdr":5000}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"maxNotionalPerOrder":5000,"maxNotionalPerOrder":6000}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"maxNotionalPerOrder":1e30}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"maxSignalsPerMinute":-1}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"dailyLossPercent":0}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"stopLossGuardWindow":"1h"}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"stopLossGuardCount":1,"maxSignalsPerMinute":0}"""),
        ("PUT", $"/api/accounts/{Account}/limits", """{"maxQuantityPerOrder":5"""),
        ("PUT", "/api/accounts/m1%0A/limits", """{"maxSignalsPerMinute":5}"""),
        ("PUT", "/api/accounts/no-such-account/limits", """{"maxSignalsPerMinute":5}"""),
        ("GET", "/api/accounts/m1%0A/limits", null),
        ("GET", "/api/accounts/no-such-account/limits", null),
        ("POST", $"/api/accounts/{Account}/reset-drawdown", "{}"),
        ("POST", $"/api/accounts/{Account}/reset-drawdown", """{"reason":" "}"""),
        ("POST", $"/api/accounts/{Account}/reset-drawdown", """{"reason":"a\nWARN forged"}"""),
        ("POST", $"/api/accounts/{Account}/reset-drawdown", """{"reasn":"typo"}"""),
        ("POST", "/api/accounts/no-such-account/reset-drawdown", """{"reason":"ok"}"""),
    ];

    [Fact]
    public async Task Every_bad_request_gets_a_4xx_problem_with_a_message_and_nothing_is_written_to_the_database()
    {
        await _client.CreateAccountAsync(Account, 10_000m);
        await _client.PublishQuoteAsync(Symbol, 100m, 100.05m);
        var accountBefore = await _client.GetAccountTextAsync(Account);
        var databaseBefore = DatabaseFingerprint();

        var failures = new List<string>();
        foreach (var (method, path, body) in Corpus)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = TestApi.RawJson(body);
            }

            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != TestApi.ProblemJson || !HasMessage(text))
            {
                failures.Add($"{method} {path} {body} → {status}: {text}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Corpus.Length} bad requests were not refused cleanly:\n{string.Join("\n", failures)}");
        using var health = await _client.GetAsync("/health");
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(accountBefore, await _client.GetAccountTextAsync(Account));
        Assert.Equal(databaseBefore, DatabaseFingerprint());
        using var quote = await _client.GetAsync($"/api/quotes/{Symbol}");
        Assert.Equal(100.05m, (await quote.ShouldBeJsonAsync(HttpStatusCode.OK)).Decimal("ask"));
        using var killSwitch = await _client.GetAsync("/api/kill-switch");
        Assert.Equal("active", (await killSwitch.ShouldBeJsonAsync(HttpStatusCode.OK)).String("state"));

        // The fingerprint does see writes: one valid request changes it.
        await _client.CreateAccountAsync("corpus-control", 1_000m);
        Assert.NotEqual(databaseBefore, DatabaseFingerprint());
    }

    /// <summary>A problem says what is wrong: field errors, or a detail.</summary>
    private static bool HasMessage(string problemJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(problemJson);
        var root = document.RootElement;
        return (root.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any()) ||
               (root.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()));
    }

    /// <summary>
    /// What a write would change: every table's rows, and the bytes of the write-ahead log (every commit appends to it).
    /// Not the main file's bytes: the background checkpointer copies earlier commits into it at any moment.
    /// </summary>
    private string DatabaseFingerprint()
    {
        var builder = new StringBuilder();
        var wal = factory.DatabasePath + "-wal";
        builder.Append("wal=");
        if (File.Exists(wal))
        {
            using var stream = new FileStream(wal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            builder.Append(Convert.ToHexString(SHA256.HashData(stream)));
        }

        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name;";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\";";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(string.Join("|", values.Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            builder.Append(';').Append(table).Append('=').Append(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows)))));
        }

        return builder.ToString();
    }
}
