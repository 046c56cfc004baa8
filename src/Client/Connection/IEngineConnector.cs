namespace OrleansTrading.Client.Connection;

/// <summary>Opens a connection to the trading engine. Commands only connect after their arguments were checked.</summary>
public interface IEngineConnector
{
    /// <summary>Connects within a bounded time, or throws <see cref="EngineUnavailableException"/>.</summary>
    Task<ITradingEngine> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken);
}
