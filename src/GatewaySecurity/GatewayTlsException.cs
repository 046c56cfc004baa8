namespace OrleansTrading.GatewaySecurity;

/// <summary>A TLS setting is missing, inconsistent, or names a file that cannot be used. The message names the setting.</summary>
public sealed class GatewayTlsException(string message, Exception? inner = null) : Exception(message, inner);
