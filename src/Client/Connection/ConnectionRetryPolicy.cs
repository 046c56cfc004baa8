using System.Diagnostics;

namespace OrleansTrading.Client.Connection;

/// <summary>
/// Retries the first connection to the gateway for a short window (a silo that is just starting gets a chance),
/// then gives up, so an unreachable gateway fails in seconds instead of hanging.
/// </summary>
public sealed class ConnectionRetryPolicy(TimeSpan window, TimeSpan delay) : IClientConnectionRetryFilter
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public int Attempts { get; private set; } = 1;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested || _elapsed.Elapsed + delay > window)
        {
            return false;
        }

        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        Attempts++;
        return true;
    }
}
