namespace OrleansTrading.Client.Connection;

/// <summary>
/// The engine refused to flatten because the kill-switch is active: flattening is allowed only while it is
/// reduceOnly or halted. A refusal, not a failure; the message is meant for the user.
/// </summary>
public sealed class FlattenRefusedException : Exception
{
    public const string DefaultMessage = "Flatten needs the kill-switch in reduceOnly or halted first.";

    public FlattenRefusedException()
        : base(DefaultMessage)
    {
    }

    public FlattenRefusedException(string message)
        : base(message)
    {
    }

    public FlattenRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
