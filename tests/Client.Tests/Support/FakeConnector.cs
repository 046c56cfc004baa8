using OrleansTrading.Client.Connection;

namespace OrleansTrading.Client.Tests.Support;

/// <summary>Stands in for the Orleans connection: records every attempt, and can play an unreachable gateway.</summary>
public sealed class FakeConnector : IEngineConnector
{
    public FakeEngine Engine { get; } = new();
    public List<ClusterTarget> Attempts { get; } = [];
    public bool Unreachable { get; set; }

    public Task<ITradingEngine> ConnectAsync(ClusterTarget target, CancellationToken cancellationToken)
    {
        Attempts.Add(target);
        if (Unreachable)
        {
            throw new EngineUnavailableException($"Cannot reach the Orleans gateway at {target}: the connection was refused.");
        }

        return Task.FromResult<ITradingEngine>(Engine);
    }
}
