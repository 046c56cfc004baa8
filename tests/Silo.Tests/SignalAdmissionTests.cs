using Microsoft.Extensions.Options;
using OrleansTrading.Grains.Options;
using OrleansTrading.Silo.Api;

namespace OrleansTrading.Silo.Tests;

/// <summary>The HTTP signal gate: at most the configured number of decisions run at once, the rest wait their turn.</summary>
public sealed class SignalAdmissionTests
{
    private static SignalAdmission Admission(int places) =>
        new(Options.Create(new TradingOptions { Api = new ApiOptions { MaxConcurrentSignals = places } }));

    [Fact]
    public async Task No_more_than_the_configured_signals_are_decided_at_once_and_every_waiting_one_gets_its_turn()
    {
        using var admission = Admission(3);
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signals = Enumerable.Range(0, 20).Select(i => admission.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None)).ToList();

        await Task.Delay(200);
        Assert.Equal(3, Volatile.Read(ref running)); // three decide, seventeen wait
        release.SetResult();
        Assert.Equal(Enumerable.Range(0, 20), await Task.WhenAll(signals));
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task A_client_that_gives_up_while_waiting_leaves_without_taking_a_place()
    {
        using var admission = Admission(1);
        var hold = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = admission.RunAsync(() => hold.Task, CancellationToken.None);
        using var gaveUp = new CancellationTokenSource();
        var waiting = admission.RunAsync(() => Task.FromResult(2), gaveUp.Token);
        gaveUp.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        hold.SetResult(1);
        Assert.Equal(1, await first);
        Assert.Equal(3, await admission.RunAsync(() => Task.FromResult(3), CancellationToken.None)); // its place was freed
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
