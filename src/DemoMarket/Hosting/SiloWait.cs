using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OrleansTrading.DemoMarket.Running;

namespace OrleansTrading.DemoMarket.Hosting;

/// <summary>
/// The local start launches the silo and the demo at once: the demo's first connection is retried every second for
/// as long as it takes (Ctrl+C ends the wait), and every tenth attempt is logged.
/// </summary>
internal sealed class SiloWait(IConfiguration configuration, ILogger<SiloWait> logger) : IClientConnectionRetryFilter
{
    private const int LogEvery = 10;
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        if (attempt % LogEvery == 1)
        {
            logger.WaitingForSilo(configuration[GatewayAddresses.Key] ?? GatewayAddresses.Default, attempt, exception.GetBaseException().Message);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return true;
    }
}
