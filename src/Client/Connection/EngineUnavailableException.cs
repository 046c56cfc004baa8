namespace OrleansTrading.Client.Connection;

/// <summary>The cluster could not be reached, or the connection failed during a call. The message is meant for the user.</summary>
public sealed class EngineUnavailableException : Exception
{
    public EngineUnavailableException()
    {
    }

    public EngineUnavailableException(string message)
        : base(message)
    {
    }

    public EngineUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
