namespace OrleansTrading.Grains.Storage;

/// <summary>The silo must not start, for a reason its message states in one line (naming the file or setting).</summary>
public sealed class StartupRefusedException(string message, Exception? inner = null) : Exception(message, inner);
