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

    /// <summary>Every failed attempt, oldest first: the last one may be a timeout that hides what the earlier ones said.</summary>
    public List<Exception> Failures { get; } = [];

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        Failures.Add(exception);
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
