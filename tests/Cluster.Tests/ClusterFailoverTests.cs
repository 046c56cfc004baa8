using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Npgsql;
using OrleansTrading.Abstractions;
using OrleansTrading.Cluster.Tests.Support;
using OrleansTrading.Silo.Tests.Infrastructure;
using OrleansTrading.Silo.Tests.OutOfProcess;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansTrading.Cluster.Tests;

/// <summary>
/// Issue 16's proof: three silo processes on one PostgreSQL database. Accounts are created through silo A's API,
/// signals go round-robin through the three APIs and a grain client that reads the gateway list from the database;
/// the silo hosting the most accounts is killed with SIGKILL while signals flow. Every signal answered
/// <c>accepted</c> is in the journal exactly once with the answer the client got, the killed silo's accounts answer
/// again from the survivors, its open positions are stopped out by a crossing quote without any call to those
/// accounts, and the silo restarted on its ports rejoins and takes new activations.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ClusterFailoverTests(PostgreSqlServer server, ITestOutputHelper output) : IDisposable
{
    private const string ClusterId = "failover-test";
    private const string ServiceId = "orleans-trading";
    private const decimal Quantity = 10m;
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReconciliationInterval = TimeSpan.FromSeconds(5);
    private static readonly string[] LoadAccounts = [.. Enumerable.Range(1, 6).Select(i => $"load-{i}")];
    private static readonly string[] Holders = [.. Enumerable.Range(1, 9).Select(i => $"hold-{i}")];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cluster-failover-" + Guid.NewGuid().ToString("N"));
    private readonly SiloLog _log = new();
    private readonly ConcurrentBag<Sent> _sent = [];

    private static string SymbolOf(string account) => account.StartsWith("hold-", StringComparison.Ordinal) ? $"H{account[5..]}" : $"L{account[5..]}";

    [Fact]
    public async Task Killing_the_busiest_silo_loses_no_accepted_signal_and_its_accounts_carry_on_on_the_survivors()
    {
        var watch = Stopwatch.StartNew();
        var connectionString = await server.CreateDatabaseAsync("failover");
        var silos = new List<SiloProcess>();
        try
        {
            silos.AddRange(await Task.WhenAll(new[] { "silo-a", "silo-b", "silo-c" }.Select(name => StartSiloAsync(name, connectionString))));
            _log.Note($"three silos healthy after {watch.Elapsed.TotalSeconds:0.0} s");
            await using var grainClient = await ClusterClient.ConnectAsync(connectionString, ClusterId, ServiceId);
            var client = grainClient.Client;

            // 1. Accounts through silo A's API; quotes for their symbols; the holders open a position each, round-robin.
            var a = silos[0];
            foreach (var account in LoadAccounts.Concat(Holders))
            {
                await a.Http.CreateAccountAsync(account);
                await a.Http.PublishQuoteAsync(SymbolOf(account), 100m, 100.05m);
            }

            var routes = silos.Select(Route.Http).Append(Route.Grain(client)).ToList();
            for (var i = 0; i < Holders.Length; i++)
            {
                var sent = await SendAsync(routes[i % routes.Count], Holders[i], $"{Holders[i]}-open", OrderSide.Buy, SignalAction.Open);
                Assert.True(sent.Accepted, $"{Holders[i]} did not open its position: {sent.Answer}");
            }

            // 2. Where does every account live? The busiest silo is the one to kill.
            var management = client.GetGrain<IManagementGrain>(0);
            var hosts = new Dictionary<string, int>();
            foreach (var account in LoadAccounts.Concat(Holders))
            {
                await client.Account(account).GetSnapshotAsync();
                hosts[account] = (await management.GetActivationAddress(client.Account(account)))?.Endpoint.Port ?? 0;
            }

            foreach (var silo in silos)
            {
                _log.Note($"silo on port {silo.SiloPort}: {hosts.Count(h => h.Value == silo.SiloPort)} accounts ({string.Join(", ", hosts.Where(h => h.Value == silo.SiloPort).Select(h => h.Key))})");
            }

            var victim = silos.OrderByDescending(s => hosts.Count(h => h.Value == s.SiloPort)).First();
            var victimAccounts = hosts.Where(h => h.Value == victim.SiloPort).Select(h => h.Key).ToHashSet();
            var victimHolders = Holders.Where(victimAccounts.Contains).ToList();
            Assert.True(victimHolders.Count > 0, $"The busiest silo hosts no holder ({string.Join(", ", victimAccounts)}): nothing to prove the stop-out on.");

            // 3. Signals flow round-robin through every route; the busiest silo is killed mid-stream.
            using var stop = new CancellationTokenSource();
            var live = routes.ToList();
            var next = 0;
            Route NextRoute()
            {
                lock (live)
                {
                    return live[next++ % live.Count];
                }
            }

            var load = LoadAccounts.Select(account => Task.Run(async () =>
            {
                for (var trip = 0; !stop.IsCancellationRequested; trip++)
                {
                    await SendAsync(NextRoute(), account, $"{account}-o{trip}", OrderSide.Buy, SignalAction.Open);
                    await SendAsync(NextRoute(), account, $"{account}-c{trip}", OrderSide.Sell, SignalAction.Close);
                }
            })).ToList();

            // The market keeps quoting the load symbols (market data lives in memory: the quotes held on the killed silo
            // are gone with it, as they would be in production, and the next quote restores them).
            var quotes = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var account in LoadAccounts)
                    {
                        var route = NextRoute();
                        if (route.Silo is { } silo)
                        {
                            try
                            {
                                using var response = await silo.Http.PutQuoteAsync(SymbolOf(account), 100m, 100.05m);
                            }
                            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                            {
                                // the silo just died: the next round goes elsewhere
                            }
                        }
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250));
                }
            });
            load.Add(quotes);

            await Task.Delay(TimeSpan.FromSeconds(6));
            var acceptedBeforeKill = _sent.Count(s => s.Accepted);
            lock (live)
            {
                live.RemoveAll(r => r.Silo == victim);
            }

            var killedAt = DateTime.UtcNow;
            await victim.KillAsync();

            // How soon each load account of the killed silo answers a read again through a survivor (a request that
            // was in flight to the killed silo waits out its response timeout instead; the probes show the failover).
            var victimLoad = LoadAccounts.Where(victimAccounts.Contains).ToList();
            var survivors = silos.Where(s => s != victim).ToList();
            var probes = victimLoad.Select((account, i) => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                        using var response = await survivors[i % survivors.Count].Http.GetAsync($"/api/accounts/{account}", timeout.Token);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            return (Account: account, After: DateTime.UtcNow - killedAt);
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                    }

                    await Task.Delay(100);
                }
            })).ToList();
            var declaredDead = await Poll.UntilAsync(() => Databases.ScalarAsync<long>(connectionString,
                    "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Port = $2 AND Status = 6;", ClusterId, victim.SiloPort),
                dead => dead > 0, TimeSpan.FromSeconds(60), "the killed silo to be declared dead in the membership table");
            var deadAfter = DateTime.UtcNow - killedAt;
            _log.Note($"killed silo declared dead after {deadAfter.TotalSeconds:0.0} s");

            var reachable = (await Task.WhenAll(probes).WaitAsync(TimeSpan.FromSeconds(60))).ToDictionary(p => p.Account, p => p.After);
            _log.Note($"REACTIVATION: the killed silo's load accounts answered reads from the survivors {string.Join(", ", reachable.Select(r => $"{r.Key} {r.Value.TotalSeconds:0.0} s"))} after SIGKILL");

            // Membership declares the silo dead within about ProbeTimeout x MissedProbesLimit (4 s) plus a table refresh;
            // the bound is generous for a loaded 2-core machine.
            Assert.All(reachable, r => Assert.True(r.Value < TimeSpan.FromSeconds(20), $"{r.Key} answered only {r.Value.TotalSeconds:0.0} s after the kill."));

            // Keep the flow going until every load account of the killed silo has answered a signal from a survivor.
            await Poll.UntilAsync(() => Task.FromResult(victimLoad.All(account => _sent.Any(s => s.Account == account && s.Answered && s.SentAt > killedAt))),
                done => done, TimeSpan.FromSeconds(60), "the killed silo's load accounts to answer from the survivors");
            await Task.Delay(TimeSpan.FromSeconds(3));
            stop.Cancel();
            await Task.WhenAll(load);

            var reactivations = victimLoad.ToDictionary(account => account,
                account => _sent.Where(s => s.Account == account && s.Answered && s.SentAt > killedAt).Min(s => s.AnsweredAt) - killedAt);
            var failover = reactivations.Count == 0 ? TimeSpan.Zero : reactivations.Values.Max();
            var accepted = _sent.Where(s => s.Accepted).ToList();
            _log.Note($"{_sent.Count} signals sent, {_sent.Count(s => s.Answered)} answered, {accepted.Count} accepted " +
                      $"({acceptedBeforeKill} before the kill; rejections: {string.Join(", ", _sent.Where(s => s.Status == 422).GroupBy(s => Reason(s.Answer)).Select(g => $"{g.Key} {g.Count()}"))}; unanswered: {string.Join(", ", _sent.Where(s => !s.Answered).GroupBy(s => s.Status?.ToString(CultureInfo.InvariantCulture) ?? s.Answer[..Math.Min(80, s.Answer.Length)]).Select(g => $"{g.Key} x{g.Count()}"))}), by route: {string.Join(", ", _sent.GroupBy(s => s.Route).Select(g => $"{g.Key} {g.Count(s => s.Accepted)}"))}");
            _log.Note($"FAILOVER: declared dead {deadAfter.TotalSeconds:0.0} s after SIGKILL; the first signal sent after the kill to each of the killed silo's load accounts was answered after " +
                      string.Join(", ", reactivations.Select(r => $"{r.Key} {r.Value.TotalSeconds:0.0} s")));
            Assert.True(accepted.Count(s => s.SentAt > killedAt) > 0, "Signals should be accepted after the kill.");
            Assert.All(routes.Where(r => r.Silo != victim), r => Assert.Contains(accepted, s => s.Route == r.Name));

            // 4. The killed silo's holders: only the market moves. Their reminders re-activate them on a survivor, and the
            // crossing quote stops them out; nothing calls those accounts.
            var crossedAt = DateTime.UtcNow;
            var survivor = silos.First(s => s != victim);
            var stopped = await Poll.UntilAsync(async () =>
                {
                    foreach (var holder in victimHolders)
                    {
                        await survivor.Http.PublishQuoteAsync(SymbolOf(holder), 90m, 90.05m);
                    }

                    return await Databases.ScalarAsync<long>(connectionString,
                        "SELECT COUNT(DISTINCT account_id) FROM journal_trades WHERE account_id = ANY($1) AND reason = 'stopLoss';", new object[] { victimHolders.ToArray() });
                },
                count => count == victimHolders.Count, TimeSpan.FromSeconds(60), "the killed silo's holders to be stopped out");
            _log.Note($"STOP-OUT: {stopped} holder(s) of the killed silo stopped out {(DateTime.UtcNow - crossedAt).TotalSeconds:0.0} s after the first crossing quote " +
                      $"({(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill)");

            // 5. Exactly once: every answered signal is journaled with its answer; no signal sent two orders.
            await AssertJournalMatchesAnswersAsync(connectionString);

            // Re-sending every signal id (answered or not) through the survivors returns the first answer and trades nothing.
            var ordersBefore = await Databases.ScalarAsync<long>(connectionString, "SELECT COUNT(*) FROM journal_order_events WHERE seq = 0;");
            foreach (var sent in _sent.Where(s => s.Answered).ToList())
            {
                var route = live[sent.SignalId.Length % live.Count];
                var again = await SendAsync(route, sent.Account, sent.SignalId, sent.Side, sent.Action, record: false);
                // A client retries a transient failure (seen once in CI: a placement on a survivor expired while the
                // killed silo's directory partition moved, answered 500); what must hold is that the answer it finally
                // gets is the first one and that no second order is sent.
                for (var attempt = 1; attempt <= 5 && again.Status is null or >= 500; attempt++)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    again = await SendAsync(route, sent.Account, sent.SignalId, sent.Side, sent.Action, record: false);
                }

                Assert.True(again.Status == sent.Status && again.OrderId == sent.OrderId,
                    $"{sent.SignalId}: first {sent.Status} {sent.OrderId}, re-sent {again.Status} {again.OrderId} ({again.Answer})");
            }

            Assert.Equal(ordersBefore, await Databases.ScalarAsync<long>(connectionString, "SELECT COUNT(*) FROM journal_order_events WHERE seq = 0;"));

            // 6. The killed silo restarts on its ports, rejoins, and takes new activations.
            _log.Note($"restarting the killed silo on its silo port {victim.SiloPort} and gateway port {victim.GatewayPort}");
            var restarted = await StartSiloAsync("silo-restarted", connectionString, victim);
            silos.Add(restarted);
            var rejoined = DateTime.UtcNow;
            var fresh = new List<string>();
            var onRestarted = 0;
            // Placement weighs each silo's load statistics, which reach the others a few seconds after a silo joins:
            // new accounts are created in rounds until one lands on the restarted silo (or 6 rounds, ~6 s, have passed).
            for (var round = 0; round < 6 && onRestarted == 0; round++)
            {
                if (round > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }

                var batch = Enumerable.Range(1, 8).Select(i => $"fresh-{round}-{i}").ToList();
                foreach (var account in batch)
                {
                    await restarted.Http.CreateAccountAsync(account);
                }

                fresh.AddRange(batch);
                onRestarted = 0;
                foreach (var account in fresh)
                {
                    onRestarted += (await management.GetActivationAddress(client.Account(account)))?.Endpoint.Port == victim.SiloPort ? 1 : 0;
                }
            }

            _log.Note($"REJOIN: the restarted silo hosts {onRestarted} of {fresh.Count} new accounts");
            Assert.True(onRestarted > 0, "The restarted silo took none of the new accounts.");
            var viaGrainClient = await client.Account(fresh[0]).SubmitSignalAsync(new TradeSignal("fresh-open", SymbolOf("load-1"), OrderSide.Buy, Quantity, SignalAction.Open));
            Assert.Equal(SignalStatus.Accepted, viaGrainClient.Status);
            _log.Note($"restart to new activations: {(DateTime.UtcNow - rejoined).TotalSeconds:0.0} s");

            // The CLI finds the cluster through its database too: no gateway address given.
            using var cliOutput = new StringWriter();
            using var cliError = new StringWriter();
            var exit = await OrleansTrading.Client.TradingCli.RunAsync(
                ["accounts", "show", fresh[0], "--cluster-database", connectionString, "--cluster-id", ClusterId, "--service-id", ServiceId, "--json"],
                new OrleansTrading.Client.Connection.OrleansEngineConnector(), cliOutput, cliError, environment: _ => null);
            Assert.True(exit == 0, $"orleans-trading accounts show exited {exit}: {cliError}");
            Assert.Equal(fresh[0], JsonDocument.Parse(cliOutput.ToString()).RootElement.GetProperty("accountId").GetString());
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"{ex.GetType().Name}: {ex.Message}{_log.Dump()}", ex);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            _log.Note($"test took {watch.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(_log.ToString());
        }
    }

    private async Task AssertJournalMatchesAnswersAsync(string connectionString)
    {
        var journaled = new Dictionary<(string, string), (string Status, string? OrderId)>();
        var ordersPerSignal = new Dictionary<(string, string), long>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using (var decisions = new NpgsqlCommand("SELECT account_id, signal_id, status, order_id FROM journal_decisions;", connection))
            await using (var reader = await decisions.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    journaled[(reader.GetString(0), reader.GetString(1))] = (reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                }
            }

            await using var orders = new NpgsqlCommand(
                "SELECT account_id, signal_id, COUNT(DISTINCT order_id) FROM journal_order_events WHERE signal_id IS NOT NULL GROUP BY account_id, signal_id;", connection);
            await using var rows = await orders.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                ordersPerSignal[(rows.GetString(0), rows.GetString(1))] = rows.GetInt64(2);
            }
        }

        foreach (var sent in _sent.Where(s => s.Answered))
        {
            Assert.True(journaled.TryGetValue((sent.Account, sent.SignalId), out var decision), $"{sent.SignalId} was answered {sent.Status} but is not journaled.");
            Assert.Equal(sent.Accepted ? "accepted" : "rejected", decision.Status);
            Assert.Equal(sent.OrderId, decision.OrderId);
            if (sent.Accepted && sent.OrderId is not null)
            {
                Assert.Equal(1, ordersPerSignal.GetValueOrDefault((sent.Account, sent.SignalId)));
            }
        }

        // No signal at all (answered or not) produced two orders.
        Assert.All(ordersPerSignal, pair => Assert.True(pair.Value == 1, $"{pair.Key} sent {pair.Value} orders."));
    }

    private async Task<Sent> SendAsync(Route route, string account, string signalId, OrderSide side, SignalAction action, bool record = true)
    {
        var at = DateTime.UtcNow;
        var (status, orderId, answer) = await route.SendAsync(account, new TradeSignal(signalId, SymbolOf(account), side, Quantity, action));
        var sent = new Sent(account, signalId, side, action, route.Name, status, orderId, answer, at, DateTime.UtcNow);
        if (record)
        {
            _sent.Add(sent);
        }

        return sent;
    }

    private static string Reason(string answer)
    {
        var match = System.Text.RegularExpressions.Regex.Match(answer, "(?:\"reason\":\"|Reason = )([A-Za-z]+)");
        return match.Success ? char.ToLowerInvariant(match.Groups[1].Value[0]) + match.Groups[1].Value[1..] : "?";
    }

    private Task<SiloProcess> StartSiloAsync(string name, string connectionString, SiloProcess? samePortsAs = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Trading__Storage__Provider"] = "PostgreSql",
            ["Trading__Storage__PostgreSqlConnectionString"] = connectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ServiceId,
            ["Trading__Reconciliation__Interval"] = "00:00:05",
            // Round trips at one price lose the spread each time: no cooldown may end the load early.
            ["Trading__Governor__CooldownAfterLosses"] = "100000",
        };
        if (samePortsAs is not null)
        {
            // The cluster knows a silo by its silo and gateway endpoints: those stay; the HTTP port is the test's to pick.
            settings["Orleans__SiloPort"] = samePortsAs.SiloPort.ToString(CultureInfo.InvariantCulture);
            settings["Orleans__GatewayPort"] = samePortsAs.GatewayPort.ToString(CultureInfo.InvariantCulture);
        }

        return SiloProcess.StartAsync(name, Path.Combine(_root, name, "unused.db"), Path.Combine(_root, name), _log, HealthTimeout, settings);
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
    }

    /// <summary>One signal sent and what came back: 200 accepted or 422 rejected are answers; anything else is not.</summary>
    private sealed record Sent(string Account, string SignalId, OrderSide Side, SignalAction Action, string Route, int? Status, string? OrderId,
        string Answer, DateTime SentAt, DateTime AnsweredAt)
    {
        public bool Answered => Status is 200 or 422;

        public bool Accepted => Status == 200;
    }

    /// <summary>A way into the cluster: one silo's HTTP API, or the grain client.</summary>
    private sealed class Route
    {
        private Func<string, TradeSignal, Task<(int?, string?, string)>> _send = null!;

        public string Name { get; private init; } = "";

        public SiloProcess? Silo { get; private init; }

        public Task<(int? Status, string? OrderId, string Answer)> SendAsync(string account, TradeSignal signal) => _send(account, signal);

        public static Route Http(SiloProcess silo) => new()
        {
            Name = $"http:{silo.SiloPort}",
            Silo = silo,
            _send = async (account, signal) =>
            {
                try
                {
                    using var response = await silo.Http.PostSignalAsync(account, new
                    {
                        signalId = signal.SignalId, symbol = signal.Symbol, side = signal.Side == OrderSide.Buy ? "buy" : "sell",
                        quantity = signal.Quantity, action = signal.Action == SignalAction.Open ? "open" : "close",
                    });
                    var body = await response.Content.ReadAsStringAsync();
                    string? orderId = null;
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity)
                    {
                        using var json = JsonDocument.Parse(body);
                        orderId = json.RootElement.TryGetProperty("orderId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                    }

                    return ((int)response.StatusCode, orderId, body);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return (null, null, ex.Message);
                }
            },
        };

        public static Route Grain(IClusterClient client) => new()
        {
            Name = "grain-client",
            _send = async (account, signal) =>
            {
                try
                {
                    var decision = await client.Account(account).SubmitSignalAsync(signal);
                    return (decision.Status == SignalStatus.Accepted ? 200 : 422, decision.OrderId, decision.ToString());
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    return (null, null, $"{ex.GetType().Name}: {ex.Message}");
                }
            },
        };
    }
}
