using System.Net;
using System.Text.Json;
using OrleansTrading.Silo.Tests.Infrastructure;

namespace OrleansTrading.Silo.Tests;

/// <summary>The kill-switch is cluster-wide: every test that changes it puts it back to active before it ends.</summary>
public sealed class KillSwitchApiTests(SiloApiFactory factory) : IClassFixture<SiloApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_kill_switch_reads_active_when_nobody_changed_it()
    {
        using var response = await _client.GetAsync("/api/kill-switch");

        var status = await response.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal("active", status.String("state"));
    }

    [Fact]
    public async Task Setting_the_kill_switch_returns_and_persists_state_reason_and_time()
    {
        try
        {
            var set = await _client.SetKillSwitchAsync("reduceOnly", "maintenance window");

            Assert.Equal("reduceOnly", set.String("state"));
            Assert.Equal("maintenance window", set.String("reason"));
            Assert.Equal(factory.Clock.Now, set.GetProperty("changedAt").GetDateTimeOffset());
            using var get = await _client.GetAsync("/api/kill-switch");
            var read = await get.ShouldBeJsonAsync(HttpStatusCode.OK);
            Assert.Equal(set.GetRawText(), read.GetRawText());
        }
        finally
        {
            await _client.SetKillSwitchAsync("active");
        }
    }

    [Fact]
    public async Task ReduceOnly_blocks_an_open_with_killSwitch_but_still_accepts_a_close()
    {
        var account = await OpenPositionAsync("reduce", "KSRED");
        try
        {
            await _client.SetKillSwitchAsync("reduceOnly", "risk off");

            var open = await SubmitAsync(account, TestApi.Signal(TestApi.NewSignalId(), "KSRED", "buy", 5m, "open"), HttpStatusCode.UnprocessableEntity);
            Assert.Equal("rejected", open.String("status"));
            Assert.Equal("killSwitch", open.String("reason"));

            var close = await SubmitAsync(account, TestApi.Signal(TestApi.NewSignalId(), "KSRED", "sell", 10m, "close"), HttpStatusCode.OK);
            Assert.Equal("accepted", close.String("status"));
            Assert.Equal(10m, close.Decimal("filledQuantity"));
        }
        finally
        {
            await _client.SetKillSwitchAsync("active");
        }

        Assert.Empty((await _client.GetAccountAsync(account)).GetProperty("positions").EnumerateArray());
    }

    [Fact]
    public async Task Halted_blocks_both_open_and_close_with_killSwitch()
    {
        var account = await OpenPositionAsync("halt", "KSHALT");
        try
        {
            await _client.SetKillSwitchAsync("halted", "incident");

            var open = await SubmitAsync(account, TestApi.Signal(TestApi.NewSignalId(), "KSHALT", "buy", 5m, "open"), HttpStatusCode.UnprocessableEntity);
            Assert.Equal("killSwitch", open.String("reason"));

            var close = await SubmitAsync(account, TestApi.Signal(TestApi.NewSignalId(), "KSHALT", "sell", 10m, "close"), HttpStatusCode.UnprocessableEntity);
            Assert.Equal("rejected", close.String("status"));
            Assert.Equal("killSwitch", close.String("reason"));
        }
        finally
        {
            await _client.SetKillSwitchAsync("active");
        }

        var position = Assert.Single((await _client.GetAccountAsync(account)).GetProperty("positions").EnumerateArray());
        Assert.Equal(10m, position.Decimal("quantity"));
    }

    [Fact]
    public async Task Setting_the_kill_switch_back_to_active_allows_opening_again()
    {
        var account = TestApi.NewAccountId("reopen");
        await _client.CreateAccountAsync(account);
        await _client.PublishQuoteAsync("KSBACK", 100.00m, 100.05m);
        try
        {
            await _client.SetKillSwitchAsync("halted");
            var blocked = await SubmitAsync(account, TestApi.Signal(TestApi.NewSignalId(), "KSBACK", "buy", 5m, "open"), HttpStatusCode.UnprocessableEntity);
            Assert.Equal("killSwitch", blocked.String("reason"));
        }
        finally
        {
            var reset = await _client.SetKillSwitchAsync("active");
            Assert.Equal("active", reset.String("state"));
            Assert.Equal(JsonValueKind.Null, reset.GetProperty("reason").ValueKind);
        }

        var accepted = await SubmitAsync(account, TestApi.Signal(TestApi.NewSignalId(), "KSBACK", "buy", 5m, "open"), HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.String("status"));
    }

    [Theory]
    [InlineData("""{"state":"paused"}""", "state")]
    [InlineData("""{"state":"1"}""", "state")]
    [InlineData("""{"state":""}""", "state")]
    [InlineData("""{"reason":"no state"}""", "state")]
    [InlineData("{}", "state")]
    public async Task An_unknown_or_missing_state_returns_400_and_leaves_the_kill_switch_unchanged(string body, string field)
    {
        using var before = await _client.GetAsync("/api/kill-switch");
        var beforeStatus = await before.ShouldBeJsonAsync(HttpStatusCode.OK);

        using var response = await _client.PutAsync("/api/kill-switch", TestApi.RawJson(body));

        await response.ShouldBeValidationProblemAsync(field);
        using var after = await _client.GetAsync("/api/kill-switch");
        var afterStatus = await after.ShouldBeJsonAsync(HttpStatusCode.OK);
        Assert.Equal("active", afterStatus.String("state"));
        Assert.Equal(beforeStatus.GetRawText(), afterStatus.GetRawText());
    }

    [Fact]
    public async Task A_reason_longer_than_500_characters_returns_400()
    {
        using var response = await _client.PutAsync("/api/kill-switch",
            TestApi.RawJson($$"""{"state":"halted","reason":"{{new string('x', 501)}}"}"""));

        await response.ShouldBeValidationProblemAsync("reason");
        using var after = await _client.GetAsync("/api/kill-switch");
        Assert.Equal("active", (await after.ShouldBeJsonAsync(HttpStatusCode.OK)).String("state"));
    }

    private async Task<string> OpenPositionAsync(string prefix, string symbol)
    {
        var account = TestApi.NewAccountId(prefix);
        await _client.CreateAccountAsync(account);
        await _client.PublishQuoteAsync(symbol, 100.00m, 100.05m);
        await SubmitAsync(account, TestApi.Signal(TestApi.NewSignalId(), symbol, "buy", 10m, "open"), HttpStatusCode.OK);
        return account;
    }

    private async Task<JsonElement> SubmitAsync(string account, object signal, HttpStatusCode expected)
    {
        using var response = await _client.PostSignalAsync(account, signal);
        return await response.ShouldBeJsonAsync(expected);
    }
}
