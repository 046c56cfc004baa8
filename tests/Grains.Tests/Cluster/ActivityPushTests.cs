using System.Collections.Concurrent;
using OrleansTrading.Abstractions;
using OrleansTrading.Grains.Tests.Support;
using static OrleansTrading.Grains.Tests.Support.TradingDriver;

namespace OrleansTrading.Grains.Tests.Cluster;

/// <summary>The engine pushes coalesced changes to subscribed observers: what a dashboard listens to.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivityPushTests(ClusterFixture fixture)
{
    private sealed class RecordingObserver : IActivityObserver
    {
        public ConcurrentQueue<ActivityBatch> Batches { get; } = new();

        public Task OnActivityAsync(ActivityBatch batch)
        {
            Batches.Enqueue(batch);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_subscriber_gets_account_changes_decisions_and_the_kill_switch_coalesced_into_a_few_batches()
    {
        var client = fixture.Cluster.Client;
        var observer = new RecordingObserver();
        var reference = client.CreateObjectReference<IActivityObserver>(observer);
        await client.ActivityHub().SubscribeAsync(reference);
        try
        {
            var trading = fixture.Trading;
            var account = await trading.CreateAccountAsync();
            var id = account.GetPrimaryKeyString();
            var symbol = NewId("PUSH");
            var rejected = await trading.OpenAsync(account, symbol, signalId: "push-rejected"); // no quote yet
            AssertRejected(rejected, RejectionReason.NoQuote);
            await trading.PublishQuoteAsync(symbol, 100m, 100m); // no spread: each round trip closes flat, a win
            for (var i = 0; i < 25; i++)
            {
                AssertAccepted(await trading.OpenAsync(account, symbol, quantity: 1m, signalId: $"push-o-{i}"));
                AssertAccepted(await trading.CloseAsync(account, symbol, quantity: 1m, signalId: $"push-c-{i}"));
            }

            await trading.SetKillSwitchAsync(KillSwitchState.ReduceOnly);

            var all = await Eventually.MatchesAsync(() => Task.FromResult(observer.Batches.ToList()),
                batches => batches.SelectMany(b => b.Decisions).Count(d => d.AccountId == id) == 51 && batches.Any(b => b.KillSwitchChanged),
                TimeSpan.FromSeconds(10), "every decision and the kill-switch change to be pushed");

            Assert.Contains(all, b => b.ChangedAccounts.Contains(id));
            var ours = all.SelectMany(b => b.Decisions).Where(d => d.AccountId == id).ToList();
            // Batches are one-way messages to the observer: under load two may be handled out of order, which a
            // dashboard does not mind (it re-reads what a batch names). So: every decision once, each as decided.
            Assert.Equal(51, ours.Select(d => d.SignalId).Distinct().Count());
            Assert.Equal(RejectionReason.NoQuote, Assert.Single(ours, d => d.SignalId == "push-rejected").Reason);
            Assert.Contains(ours, d => d.SignalId == "push-c-24" && d.Status == SignalStatus.Accepted);

            // 52 changes (create + 51 decisions) arrive coalesced: each batch names the account at most once.
            Assert.All(all, b => Assert.Equal(b.ChangedAccounts.Count, b.ChangedAccounts.Distinct().Count()));
            Assert.True(all.Count(b => b.ChangedAccounts.Contains(id)) < 52, "changes should be coalesced into fewer batches");
        }
        finally
        {
            await fixture.Trading.SetKillSwitchAsync(KillSwitchState.Active);
            await client.ActivityHub().UnsubscribeAsync(reference);
            client.DeleteObjectReference<IActivityObserver>(reference);
        }
    }
}
