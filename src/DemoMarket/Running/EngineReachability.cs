using Microsoft.Extensions.Logging;

namespace OrleansTrading.DemoMarket.Running;

/// <summary>
/// While the silo is away every quote and every strategy step fails: this says so once, and once more when it answers
/// again, instead of a line per failed call.
/// </summary>
public sealed class EngineReachability(ILogger<EngineReachability> logger)
{
    private int _lost;

    public void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            logger.EngineLost(exception.GetBaseException().Message);
        }
    }

    public void Answered()
    {
        if (Interlocked.Exchange(ref _lost, 0) == 1)
        {
            logger.EngineBack();
        }
    }
}
