using System.Net;
using Microsoft.Data.Sqlite;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary>A database locked by another process past the busy timeout: 503 with Retry-After, never an opaque 500.</summary>
public sealed class StorageTroubleApiTests(StorageTroubleApiTests.ShortBusyTimeoutFactory factory)
    : IClassFixture<StorageTroubleApiTests.ShortBusyTimeoutFactory>
{
    public sealed class ShortBusyTimeoutFactory : SiloApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["Trading:Storage:BusyTimeout"] = "00:00:01" };
    }

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_signal_blocked_by_an_outside_lock_gets_503_saying_to_resend_and_the_resend_gets_the_real_decision()
    {
        var account = TestApi.NewAccountId("locked");
        await _client.CreateAccountAsync(account);
        await _client.PublishQuoteAsync("LCK", 100m, 100.05m);
        var signal = TestApi.Signal("locked-1", "LCK", "buy", 10m, "open");

        await using (var outsider = new SqliteConnection($"Data Source={factory.DatabasePath}"))
        {
            await outsider.OpenAsync();
            await using var begin = outsider.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            using var blocked = await _client.PostSignalAsync(account, signal);

            var problem = await blocked.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("5", blocked.Headers.RetryAfter?.ToString());
            Assert.Contains("signalId", problem.String("detail"), StringComparison.Ordinal);
            Assert.Contains("locked", problem.String("detail"), StringComparison.OrdinalIgnoreCase);

            await using var rollback = outsider.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await _client.PublishQuoteAsync("LCK", 100m, 100.05m);
        using var resent = await _client.PostSignalAsync(account, signal);
        var decision = await resent.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal("accepted", decision.String("status"));
        using var again = await _client.PostSignalAsync(account, signal);
        Assert.Equal(decision.String("orderId"), (await again.ShouldBeJsonAsync(HttpStatusCode.OK)).String("orderId"));
    }
}
